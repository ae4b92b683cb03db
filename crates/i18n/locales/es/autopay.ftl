# AutoPay y métodos de pago: la página de AutoPay, su autorización (las palabras que el
# prestatario acepta, guardadas tal como las aceptó) y las páginas de métodos de pago. Los
# valores entre { $llaves } los pone Servicer; consérvelos. "AutoPay" es una marca: no se traduce.

## Cuándo hace los débitos AutoPay, dentro de una oración

autopay-timing-monthly = { $count ->
        [0] en cada fecha de vencimiento
        [one] 1 día antes de cada fecha de vencimiento
       *[other] { $count } días antes de cada fecha de vencimiento
    }
# $first y $second son días del mes: "1", "15".
autopay-timing-twice-monthly = los días { $first } y { $second } de cada mes
# $weekday es una de las palabras autopay-weekday- (en plural); $start, una fecha.
autopay-timing-biweekly = cada dos { $weekday } a partir del { $start }
autopay-weekday-monday = lunes
autopay-weekday-tuesday = martes
autopay-weekday-wednesday = miércoles
autopay-weekday-thursday = jueves
autopay-weekday-friday = viernes
autopay-weekday-saturday = sábados
autopay-weekday-sunday = domingos

## Qué es cada débito, junto a los demás datos de un AutoPay

autopay-amount-half = La mitad de cada pago programado; el último débito antes de cada fecha de vencimiento cubre lo que falte de ese pago
autopay-amount-fixed = { $amount } (o el pago que se adeude, si es mayor)
autopay-amount-scheduled = El pago programado

## La autorización: las palabras que el prestatario acepta. A una cuenta bancaria se le hace
## un débito; a una tarjeta, un cargo: las palabras de una tarjeta no hablan de bancos ni de
## devoluciones.

autopay-auth-bank = Autorizo a { $servicer } a debitar { $method } por { $amount } { $when } (o el día hábil anterior, si ese día es fin de semana o feriado) para pagar mi préstamo que termina en { $last4 }, hasta que yo cancele o el préstamo quede pagado.{ $split } El último débito será por el monto exacto necesario para liquidar el préstamo. Puedo cancelar o cambiar esta autorización en el portal o llamando al { $phone }; un cambio hecho menos de 3 días hábiles antes de un débito puede entrar en vigor después de ese débito. Si un débito es devuelto, mi banco puede cobrarme un cargo y puede aplicarse un cargo por pago devuelto según lo permita mi contrato de préstamo.
autopay-auth-card = Autorizo a { $servicer } a hacer un cargo a { $method } por { $amount } { $when } (o el día hábil anterior, si ese día es fin de semana o feriado) para pagar mi préstamo que termina en { $last4 }, hasta que yo cancele o el préstamo quede pagado.{ $split } El último cargo será por el monto exacto necesario para liquidar el préstamo. Puedo cancelar o cambiar esta autorización en el portal o llamando al { $phone }; un cambio hecho menos de 3 días hábiles antes de un cargo puede entrar en vigor después de ese cargo. Si un cargo es rechazado, ese pago no se realiza: se sigue adeudando, y puede aplicarse un cargo por pago atrasado según lo permita mi contrato de préstamo.
# Dos veces al mes o cada dos semanas, después de "... hasta que yo cancele o el préstamo quede pagado."
autopay-auth-split-bank = El último débito antes de cada fecha de vencimiento será por al menos lo que quede sin pagar de ese pago, para que se pague a tiempo; lo que los débitos sumen por encima de mis pagos se aplica al capital.
autopay-auth-split-card = El último cargo antes de cada fecha de vencimiento será por al menos lo que quede sin pagar de ese pago, para que se pague a tiempo; lo que los cargos sumen por encima de mis pagos se aplica al capital.
# El monto, después de "por": conserve la coma al final del primero.
autopay-auth-amount-half = la mitad de cada pago programado (ahora { $half }),
autopay-auth-amount-fixed = { $amount } (o el pago que se adeude, si es mayor)
autopay-auth-amount-scheduled = el pago mensual programado
# La cuenta o la tarjeta, después de "a debitar" / "a hacer un cargo a".
autopay-auth-method-card = mi tarjeta { $brand } que termina en { $last4 }
autopay-auth-method-card-debit = de débito
autopay-auth-method-bank = mi { $type } que termina en { $last4 } (número de ruta { $routing })
autopay-auth-type-checking = cuenta de cheques
autopay-auth-type-savings = cuenta de ahorros
autopay-auth-type-bank = cuenta bancaria

## La página de AutoPay

autopay-title = AutoPay: préstamo que termina en { $last4 }
autopay-back-to-loan = Volver al préstamo que termina en { $last4 }
autopay-heading = AutoPay (pago automático) del préstamo que termina en { $last4 }
autopay-saved = Sus opciones de AutoPay se guardaron. Le estamos enviando una copia de la autorización.
autopay-off-heading = AutoPay está desactivado
# Después de "No se debitará ningún pago el 11 de diciembre de 2026 ni después."
autopay-off-body = Ahora usted debe hacer sus pagos antes de cada fecha de vencimiento. Le enviamos un aviso de que AutoPay está desactivado.
autopay-reauthorize = Su banco informó que un débito no estaba autorizado, por lo que AutoPay se detuvo. Para volver a usar AutoPay, configúrelo de nuevo abajo.
autopay-on-heading = AutoPay está activado
autopay-from = Desde
autopay-amount = Monto
autopay-when = Cuándo
autopay-authorized = Autorizado el
autopay-turn-off = Desactivar AutoPay
autopay-change-heading = Cambiar AutoPay
autopay-intro = AutoPay debita su pago cada mes para que no se le pase ninguno. El último débito es exactamente por lo que falte para liquidar el préstamo. Puede cambiarlo o desactivarlo aquí en cualquier momento.
autopay-intro-split = Este préstamo también se puede pagar dos veces al mes o cada dos semanas: cada débito es la mitad de su pago, el último débito antes de cada fecha de vencimiento cubre lo que falte de ese pago, y lo que los débitos sumen por encima de sus pagos se aplica al capital.
autopay-first-add-html = Primero agregue <a href="{ $bank }">una cuenta bancaria</a> o <a href="{ $card }">una tarjeta de débito</a>.
autopay-read-and-agree = Lea y acepte
autopay-agree = Acepto esta autorización
autopay-turn-on = Activar AutoPay
autopay-draft-from = Debitar de
autopay-method-option-card = { $nickname } (tarjeta que termina en { $last4 })
autopay-method-option-bank = { $nickname } (cuenta que termina en { $last4 })
autopay-removed-method = una cuenta eliminada
autopay-amount-choice-scheduled = El pago programado
autopay-amount-choice-fixed = Un monto fijo, de al menos el pago programado
autopay-fixed-amount-label = Monto fijo, en dólares
autopay-how-often = Con qué frecuencia
autopay-choice-monthly = Mensual: el pago, una vez por cada fecha de vencimiento
autopay-choice-twice-monthly = Dos veces al mes: la mitad del pago ({ $half }) en dos días del mes
autopay-choice-biweekly = Cada dos semanas: la mitad del pago ({ $half }); 26 mitades al año liquidan el préstamo antes
autopay-days-before-due-label = Cuántos días antes de la fecha de vencimiento se hace el débito (de 0 a 15)
autopay-days-before-due-label-monthly = Mensual: cuántos días antes de la fecha de vencimiento se hace el débito (de 0 a 15)
autopay-days-before-due-hint = Con 0, el débito se hace en la fecha de vencimiento; si cae en fin de semana o feriado, se hace el día hábil anterior
autopay-days-legend = Dos veces al mes: los dos días del mes
autopay-days-hint = Con al menos 10 días de diferencia, contando también de un mes al siguiente; si un débito cae en fin de semana o feriado, se hace el día hábil anterior
autopay-first-day = Primer día
autopay-second-day = Segundo día
autopay-start-label = Cada dos semanas: la fecha del primer débito
autopay-start-hint = Una fecha del { $earliest } al { $latest }; después, cada 14 días
autopay-start-hint-keep = Una fecha del { $earliest } al { $latest }, o el { $start } para conservar los días de su AutoPay; después, cada 14 días
autopay-continue = Continuar
autopay-nothing-drafted-from = No se debitará ningún pago el { $date } ni después.
autopay-nothing-drafted = No se debitarán más pagos.

## Desactivar AutoPay (una página que pregunta antes)

autopay-cancel-heading = ¿Desactivar AutoPay?
# $nothing es autopay-nothing-drafted-from o autopay-nothing-drafted.
autopay-cancel-if = Si desactiva AutoPay del préstamo que termina en { $last4 }: { $nothing }
autopay-cancel-yours-to-make = Usted deberá hacer sus pagos, en el portal o por teléfono, antes de cada fecha de vencimiento. Un pago que no haga a tiempo puede tener un cargo por pago atrasado.
autopay-cancel-notice = Le enviaremos un aviso de que AutoPay está desactivado. Puede volver a activarlo en cualquier momento.
autopay-cancel-keep = Mantener AutoPay activado
autopay-cancel-back = Volver a AutoPay

## Por qué se rechazó el formulario de AutoPay (junto al campo)

# $shown es lo que se escribió, entre comillas.
autopay-refusal-amount-unreadable = Escriba un monto en dólares y centavos, por ejemplo 125.50 (no { $shown })
autopay-refusal-amount-cents = Escriba un monto en dólares y centavos, con no más de dos dígitos de centavos, por ejemplo 125.50 (no { $shown })
autopay-refusal-amount-not-positive = Escriba un monto mayor que cero
autopay-refusal-amount-ceiling = Escriba un monto de hasta { $ceiling }
autopay-refusal-over-limit = Lo máximo que puede ser un pago aquí es { $limit }. Haga más de un pago o llámenos
autopay-refusal-no-method = Elija la cuenta bancaria o la tarjeta de la que se hará el débito
autopay-refusal-method-not-saved = Elija una de sus cuentas bancarias o tarjetas guardadas
autopay-refusal-agreement-needed = Marque la casilla para aceptar la autorización, o vuelva atrás
autopay-refusal-inactive-loan = Este préstamo está pagado o cerrado: no necesita AutoPay
autopay-refusal-days-before-due = Elija un día de débito entre la fecha de vencimiento y { $max } días antes
autopay-refusal-fixed-below-scheduled = Un monto fijo debe ser al menos el pago programado, { $scheduled }
# $offered es una lista de las palabras autopay-frequency- de abajo: "mensualmente o cada dos semanas".
autopay-refusal-frequency-not-offered = El producto de este préstamo no lo permite: su AutoPay puede debitar { $offered }
autopay-frequency-monthly = mensualmente
autopay-frequency-twice-monthly = dos veces al mes
autopay-frequency-biweekly = cada dos semanas
# Los dos últimos de una lista: "mensualmente, dos veces al mes o cada dos semanas".
autopay-list-or = { $init } o { $last }
autopay-refusal-no-frequency = Elija con qué frecuencia AutoPay hace los débitos
autopay-refusal-day-out-of-range = Elija días del mes del 1 al 28
autopay-refusal-days-too-close = Elija dos días con al menos 10 días de diferencia, contando también de un mes al siguiente (por ejemplo, el 1 y el 15)
autopay-refusal-start-unreadable = Escriba la fecha del primer débito así: 11 de diciembre de 2026
autopay-refusal-start-out-of-range = Elija una fecha para el primer débito del { $earliest } al { $latest }
autopay-refusal-fixed-monthly-only = Un monto fijo es solo para AutoPay mensual: dos veces al mes o cada dos semanas, cada débito es la mitad de su pago mensual
autopay-refusal-session-ended = Su sesión terminó. Vuelva a iniciar sesión
autopay-refusal-not-found = No se encontró este préstamo o su AutoPay
autopay-refusal-other = No pudimos guardar estas opciones de AutoPay. Revíselas e inténtelo de nuevo.

## Métodos de pago: la lista, y eliminar uno

method-list-title = Métodos de pago
method-back-to-profile = Volver a su perfil
method-list-saved = Sus métodos de pago se guardaron.
method-list-none = Todavía no tiene métodos de pago guardados.
# Un método guardado en la lista: "cuenta de cheques que termina en 6789, número de ruta
# 011000015, a nombre de Maria Lopez"; "tarjeta Visa que termina en 4242, vence 09/28, a
# nombre de Maria Lopez".
method-list-bank-typed = { $type } que termina en { $last4 }
method-list-bank = cuenta que termina en { $last4 }
method-type-checking = cuenta de cheques
method-type-savings = cuenta de ahorros
method-list-routing = { $account }, número de ruta { $routing }
method-list-card = tarjeta { $brand } que termina en { $last4 }
method-list-debit-card = tarjeta de débito que termina en { $last4 }
method-list-expires = { $card }, vence { $expiry }
method-list-holder = { $what }, a nombre de { $holder }
method-remove = Eliminar
method-add-bank = Agregar una cuenta bancaria
method-add-card = Agregar una tarjeta de débito
# Un método guardado dentro de una oración o en una lista de opciones.
method-card = tarjeta { $brand } que termina en { $last4 }
method-debit-card = tarjeta de débito que termina en { $last4 }
method-bank = { $nickname } (cuenta que termina en { $last4 })
method-remove-heading = ¿Eliminar { $method }?
method-remove-consequence = Si elimina { $method }, no podrá elegirlo para un pago ni para AutoPay. Para volver a usarlo, tendría que agregarlo de nuevo.
method-remove-check-scheduled = Estos pagos están programados desde este método. Revíselos antes de eliminarlo y cancele los que no quiera que se hagan:
method-remove-scheduled = { $amount } para el { $date } (confirmación { $confirmation })
method-remove-button = Eliminarlo
method-remove-keep = Conservarlo
method-back-to-list = Volver a métodos de pago
method-card-cannot-be-removed = Todavía no se puede eliminar esta tarjeta
method-account-cannot-be-removed = Todavía no se puede eliminar esta cuenta
method-pays-autopay = Con este método se paga su AutoPay del préstamo que termina en { $last4 }. Primero cambie ese AutoPay a otra cuenta o tarjeta, o desactívelo

## Agregar una cuenta bancaria

bank-heading = Agregar una cuenta bancaria
bank-intro = Una cuenta de cheques o de ahorros en un banco de los EE. UU. Guardamos el número de cuenta cifrado y solo mostramos sus últimos cuatro dígitos.
bank-holder-name = Nombre del titular de la cuenta
bank-routing-number = Número de ruta
bank-routing-number-hint = 9 dígitos, el primer número en la parte de abajo de un cheque
bank-account-number = Número de cuenta
bank-account-number-hint = De 4 a 17 dígitos
bank-account-number-again = Número de cuenta otra vez
bank-type = Tipo de cuenta
bank-type-checking = Cuenta de cheques
bank-type-savings = Cuenta de ahorros
bank-nickname = Un nombre para identificarla (opcional)
bank-nickname-hint = Por ejemplo, Cuenta de todos los días
bank-save = Guardar la cuenta bancaria

## Agregar una tarjeta de débito

card-heading = Agregar una tarjeta de débito
card-intro = El número de su tarjeta va directamente a nuestro procesador de tarjetas; solo guardamos su marca, sus últimos cuatro dígitos y su fecha de vencimiento.
card-holder-name = Nombre en la tarjeta
card-number = Número de tarjeta
card-number-hint = Los 15 o 16 dígitos del frente
card-expiry = Fecha de vencimiento
card-expiry-hint = MM/AA, por ejemplo 09/28 (puede omitir la barra)
card-cvv = Código de seguridad
card-cvv-hint = Los 3 dígitos del reverso (4 en el frente de American Express)
card-zip = Código postal de facturación
card-nickname = Un nombre para identificarla (opcional)
card-save = Guardar la tarjeta

## El nombre con el que se guarda una cuenta bancaria cuando el prestatario no le da uno

method-default-checking = Cuenta de cheques que termina en { $last4 }
method-default-savings = Cuenta de ahorros que termina en { $last4 }
