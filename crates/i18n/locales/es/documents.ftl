# El centro de documentos, las cartas y el estado de cuenta, como páginas y PDF.
# Servicer completa los valores entre { $llaves } (fechas, montos, nombres); consérvelos.

document-refused = No existe ese documento para este préstamo
letter-refused = No hay carta para este préstamo
letter-date-unreadable = Escriba la fecha de liquidación como una fecha, por ejemplo 15 de diciembre de 2026

# El centro de documentos (/documents) y por qué no se entrega un documento
document-not-boarded = Este préstamo se otorgó con nosotros; no pasó a nosotros desde otro administrador del préstamo: no tiene aviso de transferencia de la administración.
document-terms-not-on-file = No tenemos en nuestros registros los términos originales de este préstamo, así que su declaración de Truth in Lending no se puede mostrar aquí. Está en el contrato de préstamo que le dio su prestamista; llámenos para pedir una copia.
document-disclosure-unavailable = Las cifras de Truth in Lending de este préstamo no se pueden calcular a partir de los términos que tenemos en nuestros registros. La declaración está en el contrato de préstamo que le dio su prestamista; llámenos para pedir una copia.
document-center-title = Sus documentos
document-center-lead = Todos los documentos de sus préstamos, en un solo lugar: estados de cuenta mensuales, declaraciones de Truth in Lending, autorizaciones de AutoPay, avisos y cartas. Cada uno se abre como una página, y como un PDF para guardar o imprimir.
document-center-unknown-loan = Ninguno de sus préstamos tiene el número de cuenta de esta dirección, así que se muestran los documentos de todos sus préstamos.
document-center-show-of = Mostrar los documentos de
document-center-all-loans = Todos sus préstamos
document-center-show = Mostrar
document-center-none = Todavía no hay documentos.
document-center-caption-one = Documentos de { $loan }, del más reciente al más antiguo
document-center-caption-all = Documentos de todos sus préstamos, del más reciente al más antiguo
document-center-col-date = Fecha
document-center-col-document = Documento
document-center-col-loan = Préstamo
document-center-col-open = Abrir
document-center-link-about = { $title } del { $date }, { $loan }
document-center-pdf = PDF
document-center-paper = ¿Busca una copia en papel? Llámenos al
document-view = Ver
document-choose-date = Elegir una fecha
document-kind-statement = Estado de cuenta mensual
document-statement-detail = { $amount } vence el { $date }
document-kind-transfer = Aviso de cambio de administrador del préstamo
document-transfer-detail = Su préstamo pasó a nosotros desde su administrador del préstamo anterior
document-kind-tila = Declaración de Veracidad en los Préstamos (Truth in Lending)
document-tila-detail = El costo de su crédito: tasa de porcentaje anual (APR), cargo financiero, pagos
document-kind-autopay = Autorización de AutoPay
document-autopay-detail-ended = Terminó el { $date }
document-kind-payoff = Carta de liquidación
document-payoff-detail = Se prepara cuando la pide, para la fecha que elija
document-kind-paid-in-full = Carta de pago total
document-autopay-page-title = Autorización de AutoPay del { $date }: préstamo con terminación { $last4 }
document-autopay-download = Descargar esta autorización como PDF
document-autopay-manage = Administrar AutoPay del préstamo con terminación { $last4 }

# El estado de cuenta mensual (su PDF y su página)
statement-title = Estado de cuenta mensual
statement-late-fee-warning = Si no recibimos su pago a más tardar el { $date }, se le cobrará un cargo por pago atrasado de { $fee }.
statement-pay-by = Pague a más tardar el { $date } para mantener su cuenta al día.
statement-customer-service = Servicio al cliente { $phone }
statement-date = Emitido el
statement-account-number = Número de cuenta
statement-due-date = Vence el
statement-amount-due = Monto adeudado
statement-important = Importante
statement-summary = Resumen de la cuenta
statement-principal-balance = Saldo de capital
statement-interest-unpaid = Intereses acumulados, no pagados
statement-fees-unpaid = Cargos no pagados
statement-total-balance = Saldo total
statement-interest-this-period = Intereses cobrados en este período
statement-fees-this-period = Cargos cobrados en este período
statement-interest-this-year = Intereses pagados este año
statement-previous-balance = Saldo anterior
statement-payments = Pagos
statement-payments-split = a capital { $principal }, intereses { $interest }, cargos { $fees }
statement-payments-returned = Pagos devueltos o revertidos
statement-interest-charged = Intereses cobrados
statement-fees-charged = Cargos cobrados
statement-fees-waived = Cargos eximidos
statement-interest-waived = Intereses eximidos
statement-new-balance = Saldo nuevo
statement-principal = Capital
statement-explanation = Explicación del monto a pagar
statement-regular-payment = Pago mensual regular
statement-past-due-unpaid = Vencido (pagos y cargos no pagados)
statement-days-past-due = { $count ->
        [one] Su cuenta tiene 1 día de atraso.
       *[other] Su cuenta tiene { $count } días de atraso.
    }
statement-autopay-drafts = AutoPay (pago automático) debitará el monto a pagar.
statement-credit-balance = Saldo a favor (fondos no aplicados)
statement-credit-refund = Lo guardamos para usted. Llámenos para que se lo reembolsemos.
statement-activity-heading = Movimientos del { $start } al { $end }
statement-col-date = Fecha
statement-col-description = Descripción
statement-col-amount = Monto
statement-col-principal = Capital
statement-col-interest = Intereses
statement-col-fees = Cargos
statement-no-activity = No hubo movimientos en este período.
statement-activity-continues = Los movimientos continúan en la página siguiente.
statement-activity-continued = Movimientos (continuación), cuenta { $account }
statement-coupon = Cupón de pago
statement-coupon-detach = Desprenda aquí y devuelva esta parte con su cheque o giro postal. No envíe dinero en efectivo.
statement-amount-enclosed = Monto incluido
statement-payable-to = Emita el cheque al administrador y envíelo a:
statement-write-account = Escriba su número de cuenta de 16 dígitos en su cheque.
statement-line-interest = Intereses cobrados en este período
statement-line-payment = Pago recibido
statement-line-nsf-fee = Cargo por pago devuelto
statement-line-refund-owed = Reembolso que debe devolvernos
statement-line-fee-waived = Cargo eximido
statement-line-interest-waived = Intereses eximidos
statement-line-returned = Pago devuelto o revertido
statement-line-late-fee = Cargo por pago atrasado (pago { $installment })

# La página del estado de cuenta
statement-page-title = Estado de cuenta del { $date }: préstamo con terminación { $last4 }
statement-back = Volver al préstamo con terminación { $last4 }
statement-heading = Estado de cuenta mensual del { $date }
statement-download = Descargar este estado de cuenta como PDF
statement-download-about = (el estado de cuenta tal como se emitió, con el cupón de pago).
statement-past-due = Vencido
statement-days-past-due-short = { $count ->
        [one] 1 día de atraso
       *[other] { $count } días de atraso
    }
statement-reconciliation-caption = Del saldo anterior al saldo nuevo
statement-what-changed = Qué cambió el saldo
statement-credit-balance-page = { $amount }: lo guardamos para usted; llame al { $phone } para que se lo reembolsemos
statement-activity-label = Movimientos de este período
statement-by-mail = Pagar por correo
statement-by-mail-text = Envíe un cheque con el cupón del PDF, y su número de cuenta de 16 dígitos en el cheque, a:

# Las cartas de liquidación y de pago total, y lo que dice el encabezado de cada carta
letter-ending-in = con terminación { $last4 }
letter-loan-line-named = { $name }, cuenta { $account }
letter-loan-line = Cuenta { $account }
letter-customer-service = Servicio al cliente { $phone }
letter-re = Asunto: { $loan }
letter-questions = ¿Preguntas? Llámenos al { $phone } o visite { $website }.
letter-date-issued = Emitida el
letter-account = Cuenta
letter-balance = Saldo
letter-payoff-title = Carta de liquidación
letter-good-through = Válida hasta
letter-payoff-amount = Monto de liquidación
letter-principal = Capital
letter-interest-through = Intereses acumulados hasta el { $date }
letter-fees-unpaid = Cargos no pagados
letter-fee-late = Cargos por pago atrasado
letter-fee-returned = Cargos por pago devuelto
letter-fee-boarded = Cargos adeudados cuando su préstamo pasó a nosotros
letter-fee-refund-owed = Reembolso que debe devolvernos
letter-less-unapplied = Menos fondos que guardamos para usted (no aplicados)
letter-total-payoff = Monto total de liquidación
letter-per-diem = Intereses por día después del { $date } (por día)
letter-payoff-lead = Para liquidar este préstamo en su totalidad, debemos recibir { $total } el { $date }. Así se compone ese monto.
letter-assumes-heading = Lo que supone esta cifra
letter-assumes-nothing-else = No se acredita ni se cobra ningún otro pago, cargo ni comisión al préstamo antes del { $date }. Si se acredita o se cobra alguno (un pago programado o un débito de AutoPay, por ejemplo), la cifra cambia: el monto de liquidación en la página de su préstamo en el portal siempre está al día, y allí puede descargar una carta nueva.
letter-assumes-no-return = Si su banco devuelve un pago que usted hizo, o el pago se revierte, ese pago no pagó nada: el monto de liquidación aumenta en lo que había pagado, y esta carta deja de ser válida.
letter-assumes-per-diem = La cifra es para un pago que recibamos el { $date }. Por cada día después de esa fecha, sume { $per_diem } de intereses. Lo que recibamos por encima de lo que liquida el préstamo lo guardamos para usted como saldo a favor; llámenos para que se lo reembolsemos.
letter-how-to-pay = Cómo pagar
letter-in-the-portal = En el portal
letter-pdf-portal = Inicie sesión en { $website } y elija Hacer un pago en este préstamo.
letter-by-mail = Por correo
letter-pdf-mail = Emita su cheque o giro postal a nombre de { $name } y envíelo por correo a la dirección de abajo. Escriba su número de cuenta de 16 dígitos en su cheque (aparece en su estado de cuenta y en el portal). Calcule el tiempo del correo: debemos recibirlo a más tardar el { $date }.
letter-by-wire = Por transferencia bancaria o ACH
letter-wire-send = Envíe el monto de liquidación a la cuenta de abajo, con su número de cuenta de 16 dígitos como referencia:
letter-wire-bank = Banco
letter-wire-routing = Número de ruta (ABA)
letter-wire-account-number = Número de cuenta
letter-wire-account-name = Nombre de la cuenta
letter-wire-call = Llámenos al { $phone } para obtener las instrucciones de la transferencia. Nunca enviamos datos bancarios para una transferencia por correo electrónico ni por mensaje de texto: si recibe alguno, llámenos antes de enviar dinero.
letter-payoff-closing = Cuando el préstamo esté pagado en su totalidad, su carta de pago total estará en la página del préstamo en el portal. ¿Preguntas? Llámenos al { $phone }.
letter-paid-in-full-title = Carta de pago total
letter-paid-in-full-date = Liquidado el
letter-paid-in-full-on = Su préstamo fue pagado en su totalidad el { $date }. Gracias.
letter-last-payment = El último pago que recibimos fue de { $amount } el { $date }.
letter-zero-balance = El préstamo tiene un saldo de cero: no se debe nada más y no se cobrará ningún otro pago por él.
letter-overpaid = Recibimos { $amount } más de lo que se debía del préstamo. Ese dinero es suyo y se le reembolsará: llámenos al { $phone } y tramitaremos el reembolso.
letter-keep = Guarde esta carta para sus registros. Queda en la página del préstamo en el portal.

# Las páginas de las cartas, de la declaración y del aviso, y por qué no se entrega una carta
letter-date-unreadable-form = Escriba la fecha de liquidación como una fecha, por ejemplo 2026-12-15
letter-date-in-the-past = Elija una fecha a partir del { $date }: una carta de liquidación es válida hasta un día futuro
letter-date-too-far = Elija una fecha hasta el { $date }: una cifra de liquidación más lejana sería una suposición
letter-after-last-due = Elija una fecha hasta el { $date }: el último pago de su préstamo vence ese día, y todo lo que quede vence con él
letter-nothing-to-pay-off = Este préstamo no tiene nada pendiente que liquidar.
letter-before-start = Elija una fecha de liquidación a partir del { $date }: el préstamo comenzó ese día
letter-not-paid-off = Este préstamo no está liquidado: la carta de pago total se entrega cuando se paga su saldo
letter-back = Volver a los documentos del préstamo con terminación { $last4 }
letter-download = Descargar esta carta como PDF
letter-payoff-page-title = Carta de liquidación: préstamo con terminación { $last4 }
letter-form-hint = El día en que debemos recibir su liquidación: desde hoy hasta el { $date }.
letter-error-prefix = Error:
letter-show = Mostrar la carta
letter-page-lead-html = Para liquidar este préstamo en su totalidad, debemos recibir <strong>{ $total }</strong> el { $date }.
letter-made-up-caption = Cómo se compone el monto de liquidación
letter-col-item = Concepto
letter-col-amount = Monto
letter-make-a-payment = Hacer un pago
letter-on-this-loan = en este préstamo.
letter-page-mail = Emita su cheque o giro postal a nombre de { $name } y envíelo por correo a la dirección de abajo, con su número de cuenta de 16 dígitos escrito en el cheque. Calcule el tiempo del correo: debemos recibirlo a más tardar el { $date }.
letter-page-wire-call-html = Llámenos al <a href="tel:{ $phone }">{ $phone }</a> para obtener las instrucciones de la transferencia. Nunca enviamos datos bancarios para una transferencia por correo electrónico ni por mensaje de texto: si recibe alguno, llámenos antes de enviar dinero.
letter-paid-page-title = Carta de pago total: préstamo con terminación { $last4 }
tila-page-title = Declaración de Truth in Lending: préstamo con terminación { $last4 }
tila-download = Descargar esta declaración como PDF
tila-interest-rate = Tasa de interés
tila-drawn-on = Elaborada el
tila-cost-caption = El costo de su crédito
tila-col-figure = Cifra
tila-col-means = Qué significa
tila-col-amount = Monto
tila-schedule-caption = Sus pagos según el calendario de pagos
tila-col-number = Número de pagos
tila-col-each = Monto de cada uno
tila-col-when = Cuándo vencen
transfer-page-title = Aviso de transferencia de la administración: préstamo con terminación { $last4 }
transfer-download = Descargar este aviso como PDF

# La declaración de Veracidad en los Préstamos (Truth in Lending)
tila-title = Declaración de Truth in Lending
tila-date-drawn = Elaborada el
tila-loan-date = Fecha del préstamo
tila-apr = Tasa de porcentaje anual
tila-apr-means = El costo de su crédito como tasa anual.
tila-finance-charge = Cargo financiero
tila-finance-charge-means = La cantidad en dólares que le costará el crédito.
tila-amount-financed = Monto financiado
tila-amount-financed-means = El monto del crédito que se le otorgó a usted o en su nombre.
tila-total-of-payments = Total de pagos
tila-total-of-payments-means = El monto que habrá pagado después de hacer todos los pagos según el calendario de pagos.
tila-how-many = { $count ->
        [one] 1 pago
       *[other] { $count } pagos
    }
tila-when-once = El { $date }
tila-when-run = Del { $first } al { $last }
tila-run-once = 1 pago de { $amount }, el { $date }
tila-run = { $count } pagos de { $amount }, del { $first } al { $last }
tila-schedule = Calendario de pagos
tila-about = Acerca de estas cifras
tila-note-boarded = Su préstamo pasó a nosotros desde su administrador del préstamo anterior el { $date }. Estas cifras se calculan a partir de los términos originales de su préstamo según los registros de su administrador anterior: el monto financiado, la fecha en que se otorgó el préstamo, la tasa de interés y los pagos. La declaración que le dio su prestamista cuando firmó está en su contrato de préstamo, y es la que cuenta.
tila-note-made-here = Estas son las cifras de su préstamo tal como se otorgó el { $date }: el monto financiado y los pagos programados entonces.
tila-note-rate = Su tasa de interés es { $rate }. La tasa de porcentaje anual se calcula con el método actuarial del Reglamento Z (Apéndice J) a partir del monto financiado, la fecha en que se otorgó el préstamo y el monto y la fecha de vencimiento de cada pago.
tila-note-total = El total de pagos supone que cada pago se hace en su fecha de vencimiento por el monto programado. Pagar tarde o pagar más, o un cambio en su préstamo como una nueva fecha de vencimiento, cambia lo que paga en total: la página de su préstamo en el portal muestra lo que debe ahora.

# El aviso de transferencia de la administración del préstamo
transfer-title = Aviso de cambio de administrador
transfer-date-of-notice = Fecha del aviso
transfer-date = Transferido el
transfer-what-changed = Qué cambió
transfer-moved = El { $date }, la administración de su préstamo pasó de su administrador del préstamo anterior a { $name }. Desde esa fecha, nosotros cobramos sus pagos y respondemos sus preguntas sobre el préstamo.
transfer-terms-unchanged = Solo cambió quién administra su préstamo. La transferencia no cambia los términos de su préstamo: su tasa de interés, sus pagos, sus fechas de vencimiento y su número de cuenta siguen siendo los mismos.
transfer-new-servicer = Su nuevo administrador del préstamo
transfer-us = { $name }, { $address }.
transfer-call-us = Llámenos al { $phone }, { $hours }.
transfer-online = Inicie sesión para ver sus préstamos en línea en { $website }.
transfer-previous-servicer = Su administrador del préstamo anterior
transfer-previous = A partir del { $date }, sus pagos se envían a nosotros, no a su administrador anterior. No tenemos su dirección ni su número de teléfono en nuestros registros: si tiene una pregunta sobre un pago que le hizo antes del { $date }, llámenos al { $phone }.
transfer-where-to-pay = Adónde enviar sus pagos
transfer-sent-to-previous = Un pago enviado a su administrador anterior
transfer-grace = Durante { $days } días a partir del { $date } (hasta el { $through }), un pago que envíe a tiempo a su administrador anterior en lugar de a nosotros no se considera atrasado, y no se cobra ningún cargo por pago atrasado. Si se cobra un cargo por pago atrasado por un pago así, llámenos al { $phone } y lo eliminaremos.
transfer-autopay-again = Vuelva a configurar AutoPay
transfer-autopay-again-text = Usted pagaba con AutoPay (pago automático) con su administrador anterior. AutoPay no se transfiere con el préstamo: vuelva a configurarlo con nosotros en el portal para no omitir ningún pago. Mientras tanto, pague en el portal, por teléfono o por correo.
transfer-pay-us-from = A partir del { $date }, envíenos todos sus pagos:
transfer-first-payment = Su primer pago a nosotros es de { $amount } y vence el { $date }.
transfer-pay-online = En línea: inicie sesión en { $website } para hacer un pago o configurar AutoPay.
transfer-pay-phone = Por teléfono, con una tarjeta de débito: llame al { $phone }.
transfer-pay-mail = Por correo: un cheque o giro postal a nombre de { $name }, con su número de cuenta de 16 dígitos escrito en él, a { $address }.

# Una autorización de AutoPay tal como se aceptó (sus palabras se conservan tal como se aceptaron)
document-autopay-title = Autorización de AutoPay
document-autopay-in-effect = Vigente
document-autopay-ended = Terminada
document-autopay-ended-on = Terminó el { $date } ({ $why })
document-autopay-agreed-on = Aceptada el
document-autopay-status = Estado
document-autopay-paid-from = Se paga desde
document-autopay-amount = Monto
document-autopay-when = Cuándo
document-autopay-version = Versión del texto
document-autopay-standing-live = Esta autorización está vigente. Puede cambiarla o cancelarla en el portal, en la página de AutoPay del préstamo, o llamándonos.
document-autopay-standing-ended = Esta autorización terminó el { $date }: desde entonces no se ha debitado nada con ella. Se guarda aquí tal como usted la aceptó.
document-autopay-as-agreed = La autorización, tal como usted la aceptó
document-autopay-where-it-stands = Su situación actual

# El historial de pagos (CSV y PDF) y el resumen de fin de año
history-title = Historial de pagos
history-account-as-of = Cuenta { $account }, al { $date }
history-explanation = Cada pago tal como se aplica ahora: primero a cargos, luego a intereses y luego a capital. Un pago que su banco devolvió no pagó nada: aparece como Devuelto, y los pagos posteriores se muestran tal como se aplican sin él.
history-no-activity = Todavía no hay movimientos.
history-continued = Historial de pagos (continuación), cuenta { $account }
history-col-date = Fecha
history-col-what = Concepto
history-col-amount = Monto
history-col-fees = A cargos
history-col-interest = A intereses
history-col-principal = A capital
history-col-unapplied = No aplicado
history-col-status = Estado
history-status-applied = Aplicado
history-status-returned = Devuelto
history-status-charged = Cobrado
history-status-waived = Eximido
history-what-payment = Pago
history-what-returned = Pago devuelto
history-what-nsf-fee = Cargo por pago devuelto
history-what-refund-owed = Reembolso que debe devolvernos
history-what-late-fee = Cargo por atraso (cuota { $installment })
history-what-fee-waived = Cargo eximido
history-what-interest-waived = Intereses eximidos
history-what-interest-waiver-undone = Exención de intereses, anulada
history-what-fee-waiver-undone = Exención de cargo, anulada
history-what-reversed = Pago revertido
history-year-title = Resumen de pagos de fin de año, { $year }
history-year-received = Pagos acreditados
history-year-interest = Intereses pagados
history-year-fees = Cargos pagados
history-year-principal = Capital pagado
history-year-unapplied = Guardado como saldo a favor (fondos no aplicados)
history-year-not-over = El año { $year } no ha terminado: estos son los pagos acreditados hasta el { $date }.
history-year-no-payments = No se acreditaron pagos a este préstamo en { $year }.
history-year-as-applied = Cada pago se cuenta tal como se aplica ahora: un pago que su banco devolvió no pagó nada y no se cuenta.
history-year-boarded = Administramos este préstamo desde el { $date }: no se incluyen los pagos que usted hizo a su administrador anterior.
history-year-not-tax-form = Este resumen es para sus registros. No es un formulario de impuestos.

## Los datos de una autorización de AutoPay, como los muestra el centro de documentos

document-autopay-method-named = La cuenta o tarjeta indicada en la autorización
document-autopay-ended-why = terminó
document-method-checking = Cuenta de cheques que termina en { $last4 }
document-method-savings = Cuenta de ahorros que termina en { $last4 }
document-method-card = Tarjeta { $brand } que termina en { $last4 }
document-method-debit-card = Tarjeta de débito que termina en { $last4 }

## Notas en una línea del historial de pagos

history-note-returned = devuelto por su banco el { $date }: { $why }
history-note-reversed-on = revertido el { $date }
history-note-undone = anulado el { $date }: no exoneró nada
history-note-reversed-why = revertido el { $date }: { $why }
history-note-moved = el pago se trasladó al préstamo al que estaba destinado
