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
autopay-auth-method-bank = mi { $type } que termina en { $last4 }, número de ruta { $routing }
autopay-auth-type-checking = cuenta de cheques
autopay-auth-type-savings = cuenta de ahorros
autopay-auth-type-bank = cuenta bancaria
