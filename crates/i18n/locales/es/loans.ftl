# Los préstamos del prestatario: "Sus préstamos", la página de un préstamo, su calendario de
# pagos, sus resúmenes de fin de año y el cambio de su fecha de vencimiento. Los valores entre
# { $llaves } los completa Servicer (montos, fechas, los últimos cuatro dígitos de un número de
# cuenta); consérvelos.

## Sus préstamos

dash-title = Sus préstamos
dash-balances-as-of = Saldos al { $date }.
dash-welcome-heading = Su inicio de sesión está listo
dash-welcome-html = Para mayor seguridad, <a href="/profile/security/authenticator">configure una aplicación de autenticación</a> para el segundo paso de su inicio de sesión. Hasta entonces, le enviaremos un código cada vez que inicie sesión.
dash-action-needed-label = Acción necesaria para el préstamo que termina en { $last4 }
dash-reestablish-body = Su préstamo que termina en { $last4 } pasó a nosotros desde su administrador anterior, y AutoPay (pago automático) no se transfiere con el préstamo. Vuelva a configurar AutoPay para no dejar de hacer ningún pago; mientras tanto, pague en línea, por teléfono o por correo.
dash-reestablish-link = Configurar AutoPay para el préstamo que termina en { $last4 }
dash-unread = { $count ->
    [one] Tiene { $count } mensaje sin leer.
   *[other] Tiene { $count } mensajes sin leer.
}
dash-read-messages = Leer sus mensajes
dash-no-loans = Todavía no hay préstamos vinculados a su inicio de sesión.
dash-add-loan = Agregar un préstamo
dash-details = Detalles y movimientos
dash-add-another = Agregar otro préstamo

## La tarjeta de un préstamo (en "Sus préstamos" y arriba en la página del préstamo)

loan-product-ending = { $product } que termina en { $last4 }
loan-ending = Préstamo que termina en { $last4 }
loan-origin-boarded = { $amount }, transferido a nosotros el { $date } desde su administrador anterior
loan-origin-opened = { $amount }, abierto el { $date }
loan-status-current = Al día
loan-status-past-due = Atrasado
loan-status-paid-off = Pagado en su totalidad
loan-status-charged-off = Cancelado como pérdida
loan-action-needed = Acción necesaria
loan-reestablish-heading = Vuelva a configurar su AutoPay
loan-reestablish-body = Este préstamo pasó a nosotros desde su administrador anterior, y AutoPay (pago automático) no se transfiere con el préstamo. Vuelva a configurarlo para no dejar de hacer ningún pago.
loan-how-autopay-works = Cómo funciona AutoPay
loan-past-due-label = Atrasado: préstamo que termina en { $last4 }
loan-past-due-heading = Su préstamo que termina en { $last4 } está atrasado
loan-when-late = ¿Cuándo se considera atrasado un pago?
loan-cant-pay = ¿No puede hacer un pago? Vea sus opciones
loan-for-loan-ending = para el préstamo que termina en { $last4 }
loan-on-loan-ending = del préstamo que termina en { $last4 }
loan-on-its-way-label = Pago en camino: préstamo que termina en { $last4 }
loan-on-its-way-heading = Un pago en camino cubre lo vencido de su préstamo que termina en { $last4 }
loan-balance = Saldo
loan-credit-balance = Saldo a favor (fondos no aplicados)
loan-past-due = Vencido
loan-next-payment = Próximo pago
loan-none-scheduled = Ninguno programado
loan-next-draft = Próximo débito de AutoPay
loan-autopay = AutoPay
loan-autopay-reestablish = No configurado: vuelva a configurarlo
loan-autopay-not-set-up = No configurado
loan-pending-payments = Pagos pendientes
loan-none = Ninguno
loan-pending-amount-on = { $amount } el { $date }
loan-pending-changed = No es lo que le dijimos cuando lo programó: { $changed } Puede cancelarlo hasta la hora límite del { $date }.
loan-pending-pending = Pendiente
loan-pending-processing = En proceso
loan-credit-note-html = Recibimos más de lo que se debía de este préstamo. El saldo a favor no forma parte de su saldo: lo guardamos para usted. Para que se lo reembolsemos, llámenos al <a href="tel:{ $phone }">{ $phone }</a>.
loan-make-payment = Hacer un pago
loan-manage-autopay = Administrar AutoPay
loan-set-up-autopay = Configurar AutoPay
loan-payoff-amount = Monto de liquidación

## Lo que se debe y para cuándo

loan-days = { $count ->
    [one] { $count } día
   *[other] { $count } días
}
loan-past-due-since = { $amount } desde el { $date } ({ $days })
loan-in-fees = { $amount } en cargos
loan-amount-due-on = { $amount }, vence el { $date }
loan-amount-on = { $amount } el { $date }
loan-alarm-part = { $amount } con vencimiento el { $date } ({ $days } de atraso)
loan-alarm-fees-unpaid = Hay { $amount } en cargos sin pagar.
loan-alarm-past-due = Hay { $amount } vencidos: { $parts }.
loan-alarm-pay-now = Páguelo ahora para poner su préstamo al día.
loan-list-and = { $rest } y { $last }
loan-list-or = { $rest } o { $last }
loan-calm-autopay = AutoPay debitará { $amount } el { $date }; su préstamo quedará al día entonces.
loan-calm-payment = Su pago de { $amount } programado para el { $date } pondrá su préstamo al día entonces.
loan-calm-item-autopay = el débito de AutoPay de { $amount } el { $date }
loan-calm-many = Los pagos en camino ({ $payments }) pondrán su préstamo al día el { $date }.

## AutoPay como lo dice la tarjeta

loan-autopay-on-split = Activado: la mitad de cada pago programado { $when }
loan-autopay-on = Activado: { $amount } { $when }
loan-autopay-on-before = Activado: { $amount }, { $when }
loan-autopay-scheduled-payment = el pago programado
loan-autopay-when-due-date = en cada fecha de vencimiento
loan-autopay-when-before = { $count ->
    [one] { $count } día antes de cada fecha de vencimiento
   *[other] { $count } días antes de cada fecha de vencimiento
}
loan-autopay-when-twice = los días { $first } y { $second } de cada mes
loan-autopay-when-biweekly = cada dos semanas, los { $weekday }, a partir del { $date }
loan-weekday-monday = lunes
loan-weekday-tuesday = martes
loan-weekday-wednesday = miércoles
loan-weekday-thursday = jueves
loan-weekday-friday = viernes
loan-weekday-saturday = sábados
loan-weekday-sunday = domingos

## La página del préstamo

loan-back-to-loans = Volver a sus préstamos
loan-back-to-loan = Volver al préstamo que termina en { $last4 }
loan-nickname-change = Cambiar o quitar el apodo de este préstamo
loan-nickname-give = Darle un apodo a este préstamo
loan-nickname = Apodo
loan-nickname-hint = Hasta 40 caracteres. Será el nombre de este préstamo aquí y en "Sus préstamos". Guárdelo vacío para quitarlo.
loan-nickname-save = Guardar el apodo
loan-nickname-too-long = Use como máximo { $max } caracteres (este tiene { $chars })
loan-nickname-control = Use solo letras, números, espacios y signos de puntuación, en una sola línea
loan-principal = Capital
loan-interest-accrued = Intereses acumulados
loan-fees = Cargos
loan-payoff-lead-html = Para liquidar este préstamo, debemos recibir <strong>{ $total }</strong> el { $date }.
loan-payoff-per-diem = Cada día después del { $date } suma
loan-payoff-assumes = Lo que supone esta cifra
loan-payoff-letter = Descargar una carta de liquidación (PDF)
loan-paid-in-full-letter = Carta de préstamo pagado en su totalidad (PDF)
loan-payoff-other-date = Liquidación para otra fecha
loan-payoff-show = Ver la liquidación

## ¿Y si pago de más?

loan-what-if-heading = ¿Y si pago de más?
loan-what-if-intro = Vea cómo pagar más de lo que vence, a capital, cambia cuándo termina de pagar su préstamo y cuántos intereses paga.
loan-what-if-how = Calculado como se aplican sus pagos, si hace cada pago en su fecha de vencimiento por el monto que vence y lo adicional se aplica a capital.
loan-what-if-pay-extra-html = Para pagar de más, <a href="/loans/{ $account }/pay">haga un pago</a> y aplique lo adicional a capital.
loan-what-if-extra = Monto adicional, en dólares
loan-what-if-often = Con qué frecuencia
loan-what-if-monthly = Con cada pago
loan-what-if-once = Una vez, con mi próximo pago
loan-what-if-show = Ver la diferencia
loan-what-if-how-monthly = con cada pago
loan-what-if-how-once = una vez, con su pago del { $date }
loan-what-if-paying = Si paga { $amount } más { $how }
loan-what-if-sooner = { $paying }, su préstamo queda pagado el { $date } en lugar del { $instead }, y usted paga { $saved } menos de intereses.
loan-what-if-smaller-last = { $paying }, su préstamo sigue quedando pagado el { $date }, con un último pago de { $last } en lugar de { $instead }, y usted paga { $saved } menos de intereses.
loan-what-if-not-positive = Ingrese un monto mayor que cero
loan-what-if-over-payoff = Ingrese un monto de hasta { $most }: con su pago del { $date }, eso liquida su préstamo
loan-what-if-nothing-more = Su pago del { $date } liquida su préstamo: no hay nada más que pagar
loan-what-if-not-active = A este préstamo no le queda nada por liquidar.
loan-what-if-matured = Este préstamo ya pasó su última fecha de vencimiento: el monto de liquidación de arriba es lo que queda por pagar.
loan-what-if-unreadable = Ingrese un monto en dólares y centavos, como 125.50 (no { $shown })
loan-what-if-too-many-cents = Ingrese un monto en dólares y centavos, con dos dígitos de centavos como máximo, como 125.50 (no { $shown })
loan-what-if-over-ceiling = Ingrese un monto de hasta { $most }

## Condiciones

loan-terms = Condiciones
loan-account-number = Número de cuenta
loan-amount-financed = Monto financiado
loan-interest-rate = Tasa de interés
loan-day-count-actual-365 = días reales/365
loan-day-count-actual-actual = días reales/días reales del año
loan-day-count-30-360 = 30/360
loan-term-left-at-transfer = Pagos restantes al momento de la transferencia
loan-term-in-all = Total de pagos
loan-maturity-date = Fecha de vencimiento final
loan-serviced-since = Administrado por nosotros desde
loan-tila = Divulgación de Veracidad en los Préstamos (Truth in Lending)
loan-tila-apr = Tasa de porcentaje anual
loan-tila-finance-charge = Cargo financiero
loan-tila-total = Total de pagos
loan-tila-explained = El costo de su crédito como tasa anual; la cantidad en dólares que le cuesta el crédito; el crédito que se le otorgó; lo que habrá pagado después de hacer todos los pagos según lo programado.
loan-tila-link = Su divulgación de Veracidad en los Préstamos, con el calendario de pagos
loan-tila-by-lender = Su prestamista le entregó la divulgación de Veracidad en los Préstamos cuando se otorgó el préstamo; está en su contrato de préstamo.

## Las reglas de su préstamo

loan-rules = Las reglas de su préstamo
loan-bucket-fees = cargos
loan-bucket-interest = intereses
loan-bucket-principal = capital
loan-waterfall = primero a { $first }, luego a { $second } y después a { $third }
loan-rule-waterfall = Cada pago se aplica { $order }.
loan-rule-extra-principal = Cuando paga más de lo que vence, lo adicional se aplica a capital, a menos que elija aplicarlo a su próximo pago.
loan-rule-extra-next = Cuando paga más de lo que vence, lo adicional se aplica a su próximo pago, a menos que elija aplicarlo a capital.
loan-rule-no-late-fee = No se cobra cargo por pago atrasado.
loan-rule-late-fee-percent = el { $percent }% del pago
loan-rule-late-fee-fixed-percent = { $fixed } más el { $percent }% del pago
loan-rule-late-fee-capped = { $fee }, hasta un máximo de { $cap }
loan-rule-late-fee = Un pago está a tiempo hasta { $grace } después de su fecha de vencimiento. Después, se cobra un cargo por pago atrasado de { $fee }, una vez por cada pago atrasado.
loan-rule-late-fee-least = No se cobra cargo por pago atrasado cuando queda sin pagar menos de { $least } del pago.
loan-rule-nsf = Si su banco devuelve un pago sin pagar por fondos insuficientes, se cobra un cargo de { $fee }.
loan-rule-no-nsf = No se cobra ningún cargo cuando su banco devuelve un pago sin pagar.
loan-rule-interest-365 = Los intereses se cobran cada día sobre el capital que debe, a la tasa anual dividida entre 365.
loan-rule-interest-actual = Los intereses se cobran cada día sobre el capital que debe, a la tasa anual dividida entre 365, o entre 366 en un año bisiesto.
loan-rule-interest-360 = Los intereses se cobran sobre el capital que debe como si cada mes tuviera 30 días y el año 360.
loan-rule-due-date-fixed = La fecha de vencimiento de su préstamo no se puede cambiar.
loan-rule-due-date-any-time = cuando lo necesite
loan-rule-due-date-monthly = una vez al mes
loan-rule-due-date-yearly = una vez al año
loan-rule-due-date-every = una vez cada { $months } meses
loan-rule-due-date-how-far = a un día del mes del 1 al 28, adelantando o atrasando su próximo pago hasta { $window } y dejándolo al menos a { $notice } del día del cambio, siempre que ningún pago esté atrasado
loan-rule-due-date-yourself = Usted mismo puede cambiar su fecha de vencimiento { $often }, { $far }.
loan-rule-due-date-call = Podemos cambiar su fecha de vencimiento a petición suya { $often }, { $far }: llámenos.
loan-rule-refund-ach = El dinero que guardamos para usted (más de lo que debía su préstamo) se reembolsa a una cuenta bancaria que usted haya verificado con nosotros.
loan-rule-refund-original = El dinero que guardamos para usted (más de lo que debía su préstamo) se reembolsa por el mismo medio con que se pagó: a la tarjeta o la cuenta bancaria de donde vino.
loan-rule-refund-check = El dinero que guardamos para usted (más de lo que debía su préstamo) se reembolsa con un cheque que le enviamos por correo.
loan-frequency-monthly = mensualmente
loan-frequency-twice-monthly = dos veces al mes
loan-frequency-biweekly = cada dos semanas
loan-rule-autopay-split = AutoPay puede hacer cargos { $often }. Si los cargos son más frecuentes que mensuales, cada cargo es la mitad de su pago mensual, y lo que los cargos sumen por encima de sus pagos se aplica a capital, de modo que el préstamo se paga antes.

## Próximos pagos y el calendario

loan-next-payments = Próximos pagos
loan-final-payment = Su último pago, que vence el { $due }, es de { $amount }, mayor que los demás.
loan-final-payment-more = Liquida lo que queda de su préstamo; si paga más antes de esa fecha, será menor.
loan-no-payments-left = No quedan pagos.
loan-col-due = Vence
loan-col-payment = Pago
loan-col-status = Estado
loan-full-schedule = Calendario de pagos completo
loan-change-due-date = Cambiar su fecha de vencimiento
schedule-title = Calendario de pagos: préstamo que termina en { $last4 }
schedule-heading = Calendario de pagos
schedule-left = Quedan { $left } de { $all } pagos.
schedule-explained = Una cuota pagada muestra los pagos que la cubrieron, tal como se aplicaron (sus movimientos muestran cada uno); las demás se proyectan a partir de lo que debe hoy, como si cada una se pagara en su fecha de vencimiento, y la última liquida lo que quede.
schedule-col-number = N.º
schedule-col-interest = Intereses
schedule-col-principal-after = Capital después
schedule-status-paid = Pagado
schedule-status-past-due = Atrasado
schedule-status-partly-paid = Pagado en parte
schedule-status-due = Vence hoy
schedule-status-upcoming = Próximo

## Movimientos

loan-activity = Movimientos
loan-applied-order = Cómo se aplicó cada pago: { $order }.
loan-returned-note = Un pago que su banco devolvió no pagó nada: está marcado como Devuelto, y los pagos posteriores se muestran como se aplican sin él.
loan-no-activity = Todavía no hay movimientos.
loan-col-date = Fecha
loan-col-what = Concepto
loan-col-amount = Monto
loan-col-to-fees = A cargos
loan-col-to-interest = A intereses
loan-col-to-principal = A capital
loan-activity-payment = Pago
loan-activity-payment-credit = Pago ({ $amount } más de lo que se debía del préstamo, guardado como saldo a favor)
loan-activity-returned-fee = Cargo por pago devuelto
loan-activity-refund-owed = Reembolso que debe devolvernos: un pago que lo financió fue devuelto o revertido
loan-activity-late-fee = Cargo por pago atrasado (cuota { $number })
loan-activity-fee-waived = Cargo condonado
loan-activity-interest-waived = Intereses condonados
loan-activity-returned = Pago devuelto por su banco el { $date }: { $why }
loan-activity-reversed-on = Pago revertido el { $date }
loan-activity-interest-waiver-undone = Condonación de intereses anulada el { $date }: no condonó nada
loan-activity-fee-waiver-undone = Condonación de cargo anulada el { $date }: no condonó nada
loan-activity-reversed = Pago revertido el { $date }: { $why }. No pagó nada de este préstamo, y los pagos posteriores se muestran como se aplican sin él
loan-tag-returned = Devuelto
loan-tag-undone = Anulado
loan-tag-moved = Trasladado
loan-tag-reversed = Revertido
loan-history-csv = Descargar el historial de pagos (CSV)
loan-history-pdf = Descargar el historial de pagos (PDF)
loan-interest-paid = Intereses pagados en { $year }
loan-interest-paid-so-far = Intereses pagados en lo que va de { $year }
loan-year-end-summary = Resumen de fin de año
loan-for-year = de { $year }
loan-prior-payments = Pagos a su administrador anterior

## Estados de cuenta y documentos

loan-documents = Estados de cuenta y documentos
loan-no-statements = Todavía no hay estados de cuenta. Su primer estado de cuenta mensual aparecerá aquí después de su próxima fecha de estado de cuenta.
loan-statements-label = Estados de cuenta mensuales
loan-statements-caption = Estados de cuenta mensuales, del más reciente al más antiguo
loan-col-statement-date = Fecha del estado de cuenta
loan-col-amount-due = Monto que vence
loan-col-due-date = Fecha de vencimiento
loan-col-statement = Estado de cuenta
loan-statement-view = Ver
loan-statement-of = el estado de cuenta del { $date }
loan-statement-pdf = PDF
loan-statement-pdf-of = del estado de cuenta del { $date }
loan-every-document = Todos los documentos de este préstamo
loan-every-document-list = : estados de cuenta, la divulgación de Veracidad en los Préstamos, autorizaciones de AutoPay, avisos y cartas.

## Un resumen de fin de año

loan-year-title = Resumen de fin de año { $year }: préstamo que termina en { $last4 }
loan-year-heading = Resumen de pagos de fin de año, { $year }
loan-year-intro = Préstamo que termina en { $last4 }. Lo que pagaron los pagos acreditados en { $year }.
loan-year-pdf = Descargar este resumen en PDF

## Cambiar la fecha de vencimiento

due-day-ordinal = { $count }
due-title = Cambiar su fecha de vencimiento: préstamo que termina en { $last4 }
due-current = Sus pagos del préstamo que termina en { $last4 } vencen el día { $day } de cada mes.
due-current-next = Sus pagos del préstamo que termina en { $last4 } vencen el día { $day } de cada mes; el próximo, el { $next }.
due-rule-any-day = Elija cualquier día del 1 al 28: todos los meses lo tienen.
due-rule-once-in = Puede cambiarla una vez cada { $months } meses, y no mientras haya un pago atrasado.
due-rule-window = Su próximo pago puede moverse hasta { $window } días, y su nueva fecha debe estar al menos a { $notice } días de hoy.
due-rule-autopay = AutoPay está activado: hará los cargos de sus pagos en las nuevas fechas.
due-new-date = Su nueva fecha de vencimiento
due-day-of-month = Día del mes
due-show = Ver mi nuevo calendario
due-new-schedule = Su nuevo calendario
due-preview = A partir del { $effective }, sus pagos vencen el día { $day } de cada mes.
due-preview-moves-html = Su próximo pago pasa del { $old } al <strong>{ $new }</strong>.
due-preview-caption = Sus próximos pagos, con sus fechas de vencimiento actuales y después del cambio
due-col-now = Vence ahora
due-col-new = Nueva fecha de vencimiento
due-more = { $count ->
    [one] Y { $count } pago más, el día { $day }.
   *[other] Y { $count } pagos más, cada uno el día { $day }.
}
due-interest-html = Mover su fecha de vencimiento significa <strong>{ $interest }</strong>, si hace cada pago en su fecha de vencimiento.
due-interest-more = aproximadamente { $amount } más de intereses durante la vida del préstamo
due-interest-less = aproximadamente { $amount } menos de intereses durante la vida del préstamo
due-interest-same = ningún cambio en los intereses durante la vida del préstamo
due-confirm = Cambiar mi fecha de vencimiento al día { $day }
due-not-online-html = La fecha de vencimiento de este préstamo no se puede cambiar en línea. Llámenos al <a href="tel:{ $phone }">{ $phone }</a>, { $hours }: le diremos qué es posible.
due-choose-day = Elija un día del 1 al 28
due-refused-not-allowed = La fecha de vencimiento de este préstamo no se puede cambiar.
due-refused-borrower-may-not = Llámenos para cambiar la fecha de vencimiento de este préstamo.
due-refused-bad-day = Elija un día del mes del 1 al 28.
due-refused-past-due = La fecha de vencimiento no se puede cambiar mientras haya un pago atrasado. Primero ponga el préstamo al día.
due-refused-same-day = Sus pagos ya vencen ese día. Elija otro día.
due-refused-nothing-left = No quedan pagos que mover a otro día.
due-refused-too-soon = La fecha de vencimiento se cambió hace poco. Se puede volver a cambiar a partir del { $date }.
due-refused-outside-window = La próxima fecha de vencimiento puede moverse como máximo { $days } días. Elija un día más cercano al actual.
due-refused-too-close = El próximo pago vencería demasiado pronto. Elija un día que lo deje el { $date } o después.
due-changed-heading = Su fecha de vencimiento cambió
due-changed-day = Sus pagos del préstamo que termina en { $last4 } ahora vencen el día { $day } de cada mes.
due-changed-next = Su próximo pago vence el { $date }.
due-changed-autopay = AutoPay hará los cargos de sus pagos en las nuevas fechas: su próximo cargo es el { $date }.
due-changed-sent = Le enviamos una confirmación del cambio.
due-back-to-loan = Volver a su préstamo

## Por qué se quitó un pago del préstamo

loan-why-moved = el pago se trasladó al préstamo al que correspondía
loan-why-returned-unpaid = el pago se devolvió sin pagar
loan-why-posted-in-error = el pago se registró por error
loan-why-duplicate = el pago se registró dos veces
loan-return-with-code = { $reason } ({ $code })
loan-return-r01 = fondos insuficientes
loan-return-r02 = la cuenta está cerrada
loan-return-r03 = no existe la cuenta, o el número de cuenta no coincide con el nombre
loan-return-r04 = el número de cuenta no es válido
loan-return-unauthorized = su banco informa que el cargo no fue autorizado
loan-return-r08 = se ordenó suspender el pago
loan-return-r09 = los fondos aún no estaban disponibles
loan-return-r16 = la cuenta está congelada
loan-return-r20 = la cuenta no permite cargos
loan-return-other = su banco lo devolvió
