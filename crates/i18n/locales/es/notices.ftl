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
