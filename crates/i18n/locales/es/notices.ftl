# Los avisos que Servicer envía a los prestatarios: correos electrónicos, mensajes de texto y
# mensajes del centro de mensajes. El código une los párrafos con una línea en blanco.

## Cómo se presenta cada alerta en su canal

notice-unsubscribe = Para dejar de recibir estos correos electrónicos: { $link }
notice-always-sent = Le enviamos esta alerta sin importar sus preferencias de alertas. Un pago devuelto por su banco, o retirado de su préstamo, queda sin pagar y puede generar un cargo, por eso siempre le avisamos por correo electrónico y en su centro de mensajes. Puede agregar mensajes de texto.
notice-text = { $servicer }: { $subject }. Responda STOP para no recibir más mensajes.

## Un mensaje seguro respondido

notice-secure-message-subject = Tiene un nuevo mensaje seguro
notice-secure-message-answered = { $servicer } respondió su mensaje seguro.
notice-secure-message-read = Para leer la respuesta, inicie sesión y abra sus mensajes: { $link }
notice-secure-message-privacy = Para proteger su privacidad, la respuesta solo está en el portal, nunca en un correo electrónico ni en un mensaje de texto.

## El aviso de transferencia de la administración

notice-transfer-subject = Su préstamo que termina en { $last4 } ahora lo administra { $servicer }
notice-transfer-dear = Estimado(a) { $name }:
notice-transfer-moved = La administración de su préstamo que termina en { $last4 } pasó a { $servicer } el { $date }.
notice-transfer-same = Lo que no cambia: su número de cuenta, su fecha de vencimiento (el día { $day } de cada mes), su tasa de interés y su pago de { $payment }. Su próximo pago vence el { $next }.
notice-transfer-autopay = Lo que debe hacer: usted pagaba con AutoPay (pago automático) con su administrador anterior. AutoPay no se transfiere con el préstamo. Vuelva a configurar AutoPay con nosotros para no dejar de hacer ningún pago; mientras tanto, pague en línea, por teléfono o por correo.
notice-transfer-ways = Formas de pagar: en línea en el portal para prestatarios; por teléfono con una tarjeta de débito al { $phone }; o con cheque o pago de facturas de su banco a { $lockbox }, con su número de cuenta de 16 dígitos.
notice-transfer-questions = ¿Preguntas? Llame al { $phone }, { $hours }.

## Un estado de cuenta listo

notice-statement-subject = Su estado de cuenta está listo
notice-statement-ready = El estado de cuenta del { $date } del préstamo que termina en { $last4 } está listo en el portal: { $amount } con vencimiento el { $due }.
notice-statement-sign-in = Inicie sesión en { $website } para verlo.

## Los avisos del ciclo del préstamo: cargo por pago atrasado, pago atrasado, recordatorio de AutoPay, pago por vencer

notice-pay-or-call = Pague en el portal o llame al { $phone }.
notice-late-fee-subject = Se cobró un cargo por pago atrasado de { $amount }
notice-late-fee-charged = No hemos recibido el pago completo que vence en el préstamo que termina en { $last4 }, por lo que el { $date } se cobró un cargo por pago atrasado de { $amount }. El monto a pagar ahora es { $due }.
notice-past-due-subject = Su pago está atrasado
notice-past-due = El pago de { $amount } con vencimiento el { $due } del préstamo que termina en { $last4 } no se ha pagado en su totalidad. El monto a pagar ahora es { $now }.
notice-past-due-fee-ahead = Se cobrará un cargo por pago atrasado de { $fee } si no se paga a más tardar el { $date }.
notice-autopay-draft-subject = AutoPay debitará { $amount } el { $date }
notice-autopay-draft = AutoPay debitará { $amount } el { $date } para el pago que vence el { $due } del préstamo que termina en { $last4 }.
notice-autopay-change = Para cambiar o desactivar AutoPay, inicie sesión en el portal o llame al { $phone }.
notice-payment-due-subject = Pago de { $amount } vence el { $due }
notice-payment-due = Su pago de { $amount } del préstamo que termina en { $last4 } vence el { $due }.
notice-payment-due-how = Pague en el portal, configure AutoPay o llame al { $phone }.

## Un pago recibido, programado, cancelado o devuelto

notice-applied = Aplicado: { $principal } a capital, { $interest } a intereses, { $fees } a cargos.
notice-expected-split = Aplicación prevista: { $principal } a capital, { $interest } a intereses, { $fees } a cargos.
notice-confirmation-number = Número de confirmación: { $confirmation }.
notice-unapplied = { $amount } superó el saldo del préstamo: lo guardamos como crédito en su cuenta. Llámenos para solicitar el reembolso.
notice-questions-call = ¿Preguntas? Llame al { $phone }.
notice-received-subject = Pago de { $amount } recibido
notice-received = Recibimos su pago de { $amount } de su préstamo que termina en { $last4 }, acreditado el { $date }.
notice-received-paid-off = Este pago liquidó su préstamo en su totalidad. Gracias.
notice-scheduled-subject = Pago de { $amount } programado para el { $date }
notice-scheduled = Su pago de { $amount } de su préstamo que termina en { $last4 } está programado desde { $method } y se acreditará el { $date }.
notice-scheduled-cancel = Puede cancelarlo en el portal hasta que se envíe a su banco a la hora límite del { $date }.
notice-cancelled-subject = Pago de { $amount } del { $date } cancelado
notice-cancelled = Usted canceló su pago de { $amount } de su préstamo que termina en { $last4 }, que estaba programado para el { $date } (número de confirmación { $confirmation }). No se enviará a su banco y no se le cobrará nada por él.
notice-cancelled-still-due = Si todavía debe un pago, hágalo en el portal antes de su fecha de vencimiento.
notice-returned-subject = Su pago de { $amount } fue devuelto
notice-returned = Su banco devolvió su pago de { $amount } (confirmación { $confirmation }) de su préstamo que termina en { $last4 }: { $why } ({ $code }). El pago se retiró de su préstamo.
notice-returned-fee = Se aplica un cargo por pago devuelto, según lo permite su contrato de préstamo.
notice-returned-retry = Intentaremos el pago una vez más el { $date }.
notice-returned-autopay-not-authorized = Su AutoPay se detuvo: su banco informa que no fue autorizado. Para volver a pagar con AutoPay, configúrelo de nuevo en el portal.
notice-returned-autopay-account = Su AutoPay desde esta cuenta se detuvo. Agregue otra cuenta y vuelva a configurar AutoPay en el portal.

# Por qué el banco devolvió un pago, en palabras sencillas (después de "Su banco devolvió su pago …:").
notice-return-r01 = fondos insuficientes
notice-return-r02 = la cuenta está cerrada
notice-return-r03 = la cuenta no existe, o el número de cuenta no coincide con el nombre
notice-return-r04 = el número de cuenta no es válido
notice-return-not-authorized = su banco informa que el débito no fue autorizado
notice-return-r08 = se ordenó suspender el pago
notice-return-r09 = los fondos aún no estaban disponibles
notice-return-r16 = la cuenta está congelada
notice-return-r20 = la cuenta no permite débitos
notice-return-other = su banco lo devolvió

## Un pago programado que se aplicará de forma distinta a lo que indicó su revisión

notice-promise-subject = Su pago de { $amount } del { $date } se aplicará de otra forma
# La oración completa: { $will }, { $because } y { $after } son los mensajes de abajo.
notice-promise-words = Su pago de { $amount } del { $date } { $will }, porque { $because }. { $after }
notice-promise-will-also-pay = ahora también pagará { $amount } del pago que vence el { $due }
notice-promise-will-pay-not = ahora pagará { $amount } del pago que vence el { $due }, no los { $said } que le indicamos
notice-promise-will-pay-instead = ahora pagará { $amount } del pago que vence el { $due } en lugar del pago que vence el { $said }
notice-promise-no-longer = ya no pagará nada del pago que vence el { $due }
notice-promise-differently = se aplicará de forma distinta a lo que le indicamos
notice-promise-after = Después de este pago, su próximo pago es de { $amount } y vence el { $due }.
notice-promise-after-nothing = Después de este pago, no se deberá nada más de este préstamo.
notice-because-loan-closed = su préstamo ya estará pagado en su totalidad para entonces
notice-because-earlier-unpaid = { $unpaid } de sus pagos ya vencidos seguirá sin pagar en esa fecha, y este pago cubre eso primero
notice-because-already-paid = su pago que vence el { $due } ya estará pagado para entonces
notice-because-due-dates-changed = sus fechas de vencimiento cambiaron desde que lo programó
notice-because-next-unpaid = el { $due } es la próxima fecha de vencimiento después del { $date } y { $unpaid } de ese pago seguirá sin pagar en esa fecha
notice-because-loan-changed = su préstamo cambió desde que lo programó
notice-promise-said-still-due = nada de este pago se aplicaría a un pago que aún no vence, así que su próximo pago seguiría venciendo en su totalidad
notice-promise-said-counts = { $amount } de este pago se aplicaría al pago que vence el { $due }
notice-promise-told = Cuando programó este pago de su préstamo que termina en { $last4 } (número de confirmación { $confirmation }), le indicamos que { $said }. Su préstamo cambió desde entonces, así que eso ya no es lo que sucederá.
notice-promise-cancel = Si no desea que el pago se realice como se hará ahora, cancélelo en el portal antes de que se envíe a su banco a la hora límite del { $date } y haga el pago que desee. Si no hace nada, se acreditará el { $date } como se describe arriba.

## AutoPay: la copia de una autorización, desactivado, terminado, un débito distinto

notice-autopay-copy-subject = Su autorización de AutoPay para el préstamo que termina en { $last4 }
notice-autopay-copy = Esta es su copia de la autorización de AutoPay (pago automático) que dio el { $date } desde { $ip }.
notice-autopay-copy-version = Versión { $version }. Guarde este mensaje para sus registros.
notice-autopay-off-subject = AutoPay está desactivado para el préstamo que termina en { $last4 }
notice-autopay-off = Usted desactivó AutoPay para el préstamo que termina en { $last4 } el { $date }.
notice-autopay-off-from = No se debitará ningún pago a partir del { $date }.
notice-autopay-off-no-more = No se debitarán más pagos.
notice-autopay-off-yours = Ahora usted debe hacer sus pagos: pague en el portal o llame al { $phone } antes de cada fecha de vencimiento.
notice-autopay-off-again = Para volver a activar AutoPay, configúrelo en el portal.
notice-autopay-ended-subject = Su préstamo está liquidado: AutoPay terminó
notice-autopay-ended = El préstamo que termina en { $last4 } está pagado en su totalidad, por lo que AutoPay no volverá a debitar y terminó. Su autorización se guarda con sus registros.
notice-autopay-ended-questions = ¿Preguntas? Llame al { $phone }.
notice-draft-differs-subject = Su AutoPay del { $date } será de { $amount }
notice-no-draft-subject = No habrá débito de AutoPay el { $date }
notice-draft-differs = Su AutoPay para el préstamo que termina en { $last4 } debitará { $amount } el { $date }, no los { $usual } habituales.
notice-draft-differs-payoff = Es lo que falta para liquidar el préstamo.
notice-draft-differs-last = Es el último débito antes del pago que vence el { $due }, y cubre lo que queda de ese pago.
notice-draft-differs-half = El pago que vence el { $due } es de { $payment }, y cada débito para ese pago es la mitad.
notice-no-draft-paid-off = El préstamo que termina en { $last4 } quedará liquidado con el pago que usted programó, por lo que AutoPay no debitará el { $date }; AutoPay termina una vez que se liquida el préstamo.
notice-no-draft-already-paid = El pago que vence el { $due } del préstamo que termina en { $last4 } ya está pagado: AutoPay no debitará para ese pago.

## Las confirmaciones por escrito de lo que un prestatario autorizó por teléfono
# Las palabras que se leyeron al prestatario en la llamada se citan tal como se leyeron.

notice-phone-method-checking = cuenta de cheques que termina en { $last4 }
notice-phone-method-savings = cuenta de ahorros que termina en { $last4 }
notice-phone-method-account = cuenta { $type } que termina en { $last4 }
notice-phone-method-card = tarjeta de débito { $brand } que termina en { $last4 }
notice-phone-words-read = Estas son las palabras que se le leyeron y que usted aceptó:
notice-phone-not-agreed = Si esto no es lo que usted aceptó, llámenos de inmediato al { $phone } ({ $hours }).
notice-phone-keep = Guarde este mensaje para sus registros.
notice-phone-payment-subject = Su pago de { $amount } por teléfono del préstamo que termina en { $last4 }
notice-phone-payment = Esto confirma el pago que usted autorizó por teléfono: { $amount } de su préstamo que termina en { $last4 }, número de confirmación { $confirmation }.
notice-phone-card-when = Se cobra ahora a su { $method } y se acredita el { $date }. Si el emisor de su tarjeta rechaza el cobro, no se realiza el pago: llámenos para pagar de otra forma.
notice-phone-bank-when = Se debitará de su { $method } el { $date } o después. Para cancelarlo, llámenos antes del { $date }.
notice-phone-autopay-subject = Su autorización de AutoPay por teléfono para el préstamo que termina en { $last4 }
notice-phone-autopay = Esta es su copia de la autorización de AutoPay (pago automático) que dio por teléfono.
notice-phone-autopay-changed-subject = Su AutoPay cambió por teléfono para el préstamo que termina en { $last4 }
notice-phone-autopay-changed = Esta es su copia de la autorización de AutoPay que dio por teléfono, que reemplaza la que tenía.
notice-phone-autopay-off-subject = AutoPay desactivado por teléfono para el préstamo que termina en { $last4 }
notice-phone-autopay-off = Esto confirma que AutoPay se desactivó por teléfono a petición suya. Debe seguir haciendo sus pagos.
notice-phone-not-sent-subject = Su pago de { $amount } por teléfono no se realizó
notice-phone-not-sent = No enviamos a su banco su pago de { $amount } de su préstamo que termina en { $last4 } (número de confirmación { $confirmation }, para el { $date }), y se canceló. Solo debitamos su cuenta después de enviarle la confirmación por escrito de lo que autorizó por teléfono, y no pudimos hacérsela llegar. No se tomó nada de su cuenta.
notice-phone-not-sent-still-due = El pago sigue pendiente: llámenos al { $phone } ({ $hours }) para pagar de otra forma, o pague en el portal. Confirme con nosotros que tenemos su dirección de correo electrónico correcta.

## Inicio de sesión: códigos de un solo uso, alertas de seguridad, nombre de usuario, contraseña, bloqueo

notice-code-subject = Su código de { $servicer }: { $code }
notice-code-text = { $servicer }: su código es { $code }. Vence en 10 minutos. No lo comparta: nunca se lo pediremos.
notice-code-is = Su código de { $servicer } es { $code }
notice-code-enter = Ingréselo para { $what }. Solo funciona una vez y vence en 10 minutos.
notice-code-for-enroll = terminar de configurar su acceso
notice-code-for-link = agregar un préstamo a su acceso
notice-code-for-sign-in = iniciar sesión
notice-code-never-ask = Nunca le llamaremos ni le escribiremos para pedirle este código. Si usted no lo pidió, es posible que alguien conozca sus datos: llámenos al { $phone }.
notice-security-subject = Alerta de seguridad: { $what }
notice-security-letting-you-know = Le informamos que { $what } en su cuenta de { $servicer }.
notice-security-if-not-you = Si usted hizo este cambio, no necesita hacer nada más. Si no lo hizo, llámenos de inmediato al { $phone } ({ $hours }).
# Lo que una alerta de seguridad nombra como cambiado (dentro de "Alerta de seguridad: …" y "Le informamos que …").
notice-changed-authenticator = se configuró una aplicación de autenticación para iniciar sesión
notice-changed-second-step = se cambió su segundo paso de inicio de sesión
notice-changed-password = se cambió su contraseña
notice-changed-contact = se cambiaron sus datos de contacto
notice-changed-sign-in-set-up = se creó un acceso para iniciar sesión
notice-changed-password-reset = se restableció su contraseña
notice-changed-unlocked = nuestro personal desbloqueó su acceso
notice-changed-devices-forgotten = nuestro personal borró los dispositivos que su acceso recordaba
notice-changed-bank-account = se agregó una cuenta bancaria que termina en { $last4 }
notice-changed-card = se agregó una tarjeta { $brand } que termina en { $last4 }
notice-username-subject = Su nombre de usuario de { $servicer }
notice-username-is = Usted pidió su nombre de usuario. Es: { $username }
notice-sign-in-at = Inicie sesión en { $link }
notice-username-ignore = Si usted no lo pidió, puede ignorar este mensaje; su cuenta no ha cambiado.
notice-reset-subject = Restablezca su contraseña de { $servicer }
notice-reset-asked = Alguien pidió restablecer la contraseña de su acceso a { $servicer }. Para elegir una nueva contraseña, abra este enlace dentro de 30 minutos. Solo funciona una vez:
notice-reset-second-step = Para iniciar sesión, todavía necesitará su segundo paso (su aplicación de autenticación o un código que le enviamos).
notice-reset-ignore = Si usted no lo pidió, ignore este mensaje: su contraseña no ha cambiado.
notice-lockout-subject = Su acceso a { $servicer } está bloqueado
notice-lockout = Se ingresaron contraseñas o códigos incorrectos en su acceso { $times } veces seguidas, por lo que lo bloqueamos. Para desbloquearlo, restablezca su contraseña en { $link } (el enlace se envía a esta dirección).
notice-lockout-not-you = Si no fue usted, su contraseña y su segundo paso impidieron el acceso. Llámenos al { $phone } si desea hablar al respecto.
notice-failed-subject = Se ingresaron contraseñas incorrectas en su acceso a { $servicer }
notice-failed = Alguien ingresó una contraseña o un código incorrecto en su acceso { $times } veces seguidas. Su acceso sigue funcionando: su contraseña y el segundo paso le permiten entrar, y hasta que lo haga le pediremos el segundo paso también en los dispositivos recordados. Si fue usted, no necesita hacer nada más.
notice-failed-not-you = Si no fue usted, no lograron entrar. Por seguridad, cambie su contraseña en { $link } o llámenos al { $phone }.
notice-already-enrolled-subject = Alguien intentó crear un acceso a { $servicer } a su nombre
notice-already-enrolled = Alguien ingresó su número de cuenta y sus datos de identidad para crear un acceso, pero usted ya tiene uno. Su nombre de usuario es: { $username }
notice-already-enrolled-what-to-do = Inicie sesión en { $login } o restablezca su contraseña en { $forgot }. Si no fue usted, llámenos al { $phone }: esa persona conocía sus datos.

## Acciones del personal sobre un pago: revertido, retirado de un préstamo, aplicado a otro, movido entre préstamos

notice-reversed-unpaid-subject = Su pago de { $amount } fue devuelto sin pagar
notice-reversed-unpaid = Su pago de { $amount } (confirmación { $confirmation }, acreditado el { $date }) de su préstamo que termina en { $last4 } fue devuelto sin pagar, por lo que el dinero nunca nos llegó. El { $on } lo retiramos de su préstamo: su saldo es el que sería si el pago no se hubiera hecho, y los pagos posteriores se aplican sin él.
notice-reversed-removed-subject = Se retiró un pago de { $amount } de su préstamo
notice-reversed-removed = El { $on } retiramos un pago de { $amount } (confirmación { $confirmation }, acreditado el { $date }) que habíamos registrado por error en su préstamo que termina en { $last4 }: { $why }. Su saldo es el que sería si no se hubiera registrado, y los pagos posteriores se aplican sin él. Si el dinero era suyo, lo aplicaremos donde corresponde o se lo devolveremos.
notice-reversal-returned-unpaid = el pago fue devuelto sin pagar
notice-reversal-posted-in-error = el pago se registró por error
notice-reversal-duplicate = el pago se registró dos veces
notice-reversed-fee = Se aplica un cargo por pago devuelto de { $fee }, según lo permite su contrato de préstamo.
notice-moved-off-subject = Un pago de { $amount } se quitó de su préstamo
notice-moved-off = Un pago de { $amount } (confirmación { $confirmation }, acreditado el { $date }) se aplicó por error a su préstamo que termina en { $last4 }: era para otro préstamo. El { $on } lo retiramos de su préstamo y lo aplicamos donde corresponde. Los pagos posteriores de su préstamo se aplican como si no se hubiera hecho.
notice-moved-on-subject = Pago de { $amount } aplicado a su préstamo
notice-moved-on = Un pago de { $amount } para su préstamo que termina en { $last4 } se había aplicado por error a otro préstamo. Ahora está aplicado a su préstamo, acreditado el { $date }, como se recibió.
notice-moved-between-subject = Su pago de { $amount } se movió a su préstamo que termina en { $last4 }
notice-moved-between = Su pago de { $amount } (confirmación { $confirmation }, acreditado el { $date }) se aplicó por error a su préstamo que termina en { $from }. Lo movimos a su préstamo que termina en { $to }, acreditado en la misma fecha. Los pagos posteriores del préstamo que termina en { $from } se aplican como si no se hubiera hecho.
notice-new-confirmation-number = Nuevo número de confirmación: { $confirmation }.

## Un reembolso decidido

notice-refund-subject = Le reembolsamos { $amount }
notice-refund-sending-bank = Le devolvemos { $amount } a { $to }.
notice-refund-sending-card = Le reembolsamos { $amount } a { $to }.
notice-refund-sending-check = Le enviamos { $amount } mediante { $to }.
notice-refund-arrives-bank = Debería llegar en 1 a 2 días hábiles.
notice-refund-arrives-card = Puede tardar de 5 a 10 días hábiles en aparecer en el estado de cuenta de su tarjeta.
notice-refund-arrives-check = Espere de 7 a 10 días hábiles para recibirlo.
notice-refund-held = Es dinero que guardábamos para usted como crédito en su préstamo que termina en { $last4 }, y ya no está en el préstamo.
notice-refund-reference = Referencia: { $reference }.
# A dónde va un reembolso (el { $to } de arriba).
notice-refund-to-check = un cheque enviado por correo a la dirección que tenemos registrada
notice-refund-to-bank-account = su cuenta bancaria que termina en { $last4 }
notice-refund-to-card = su tarjeta { $brand } que termina en { $last4 }
notice-refund-to-debit-card = su tarjeta de débito que termina en { $last4 }

## Una fecha de vencimiento cambiada
# { $day } es "5th" en inglés, "5" en español.

notice-due-date-subject = Su fecha de vencimiento cambió: préstamo que termina en { $last4 }
notice-due-date-as-asked = Como usted lo pidió, a partir del { $date } los pagos de su préstamo que termina en { $last4 } vencen el día { $day } de cada mes.
notice-due-date-as-agreed = Como lo acordamos con usted, a partir del { $date } los pagos de su préstamo que termina en { $last4 } vencen el día { $day } de cada mes.
notice-due-date-moved = El pago que vencía el { $old } ahora vence el { $new }.
notice-due-date-next-owed = El próximo pago que debe vence el { $date }.
notice-due-date-autopay = AutoPay está activado: debita cada pago en las nuevas fechas, y su próximo débito es el { $date }.
notice-due-date-interest = Cambiar la fecha de vencimiento significa { $interest }, si cada pago se hace en su fecha de vencimiento.
notice-due-date-interest-more = aproximadamente { $amount } más de intereses durante la vida del préstamo
notice-due-date-interest-less = aproximadamente { $amount } menos de intereses durante la vida del préstamo
notice-due-date-interest-same = ningún cambio en los intereses durante la vida del préstamo
notice-due-date-reference = Referencia: { $reference }. ¿Preguntas? Llame al { $phone }, { $hours }.
