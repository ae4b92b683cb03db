# Pagar un préstamo en el portal: el formulario de pago, la revisión antes de confirmar, el
# recibo, el monto de liquidación en la página del préstamo y por qué se rechazó un pago. Los
# valores entre { $llaves } los completa Servicer; consérvelos.

## El formulario de pago

pay-title = Hacer un pago: préstamo que termina en { $last4 }
pay-back = Volver al préstamo que termina en { $last4 }
pay-heading = Hacer un pago
pay-amount-due-html = Préstamo que termina en { $last4 }. Monto adeudado: <strong>{ $amount }</strong>.
pay-amount-due-past-html = Préstamo que termina en { $last4 }. Monto adeudado: <strong>{ $amount }</strong>, del cual { $past } está vencido.
pay-first-add = Primero agregue una forma de pagar:
pay-first-add-bank = una cuenta bancaria
pay-or = o
pay-first-add-card = una tarjeta de débito
pay-from = Pagar desde
pay-card-ending = tarjeta que termina en { $last4 }
pay-account-ending = cuenta que termina en { $last4 }
pay-add-bank = Agregar una cuenta bancaria
pay-add-card = Agregar una tarjeta de débito
pay-how-much = Cuánto pagar
pay-choice-due = Monto adeudado ({ $amount })
pay-choice-past-due = Solo el monto vencido ({ $amount })
pay-choice-payoff = Liquidar el préstamo
pay-choice-other = Otro monto
pay-other-amount = Otro monto, en dólares
pay-other-amount-hint = Por ejemplo, 150.00
pay-when = Cuándo
pay-when-today = Hoy (los pagos hechos después de la hora límite de las { $cutoff }, o en un fin de semana o día feriado, se acreditan el siguiente día hábil)
pay-when-later = En una fecha posterior (solo cuentas bancarias)
pay-date = Fecha
pay-extra-legend = Si paga más de lo que vence, aplique lo adicional a
pay-extra-principal = Capital: reduce lo que debe y los intereses; igual debe hacer su próximo pago (la revisión lo muestra)
pay-extra-next = Mi próximo pago: cuenta para la próxima fecha de vencimiento
pay-review-button = Revisar el pago
pay-what-if = ¿Qué pasa si pago de más? Vea cuándo terminaría de pagar su préstamo y los intereses que ahorraría
pay-form-reused = Este formulario ya se usó para otro pago. Revise los datos y envíelo de nuevo

## Un método de pago, como lo nombran las páginas

pay-method-card = Tarjeta { $brand } que termina en { $last4 }
pay-method-debit-card = Tarjeta de débito que termina en { $last4 }
pay-method-bank = { $nickname } (cuenta que termina en { $last4 })
pay-method-removed = Un método de pago eliminado
pay-method-check-by-mail = Cheque por correo
pay-method-bill-pay = El servicio de pago de facturas de su banco
pay-method-customer-service = Pagado por medio de servicio al cliente

## La revisión antes de confirmar

pay-review-heading = Revise su pago
pay-review-loan = Préstamo
pay-review-ending = Termina en { $last4 }
pay-review-amount = Monto
pay-review-from = Desde
pay-review-credited-as-of = Acreditado con fecha
pay-review-moved = Ya pasó la hora límite de hoy, o la fecha no es un día hábil: el pago se acredita el { $date }.
pay-review-how-applied = Cómo se aplicará
pay-review-balance-after-html = Saldo después de este pago: <strong>{ $balance }</strong>.
pay-review-extra-to-next = Lo que pase del monto adeudado cuenta para su próximo pago.
pay-review-counts-ahead = { $amount } de este pago cuenta para su pago que vence el { $due }: es el próximo pago que vence después del { $date }, la fecha en que se acredita este.
pay-review-next-still-due = Su próximo pago sigue pendiente: { $amount } el { $due }.
pay-review-next-after = Su próximo pago después de este: { $amount } el { $due }.
pay-review-card-charged = Se cobra a su tarjeta cuando usted confirma.
pay-review-cancel-until = Puede cancelar este pago hasta que se envíe a su banco a la hora límite del { $date }.
pay-review-pay = Pagar { $amount }
pay-review-change = Cambiar el pago

## El recibo

receipt-title = Pago { $confirmation }
receipt-back = Volver a sus préstamos
receipt-declined-title = Su pago con tarjeta fue rechazado
receipt-declined-nothing = No se cobró nada a su tarjeta y no se acreditó nada a su préstamo.
receipt-declined-reason = Motivo: { $reason }.
receipt-declined-try-again-html = Para pagar, <a href="/loans/{ $account }/pay">intente de nuevo con otra tarjeta o una cuenta bancaria</a>, o llámenos.
receipt-thanks = Gracias: su pago está { $status }
receipt-confirmation-html = Número de confirmación <strong>{ $confirmation }</strong>. También se lo enviamos por las alertas que tiene activadas.
receipt-cancelled-title = Su pago está cancelado
receipt-cancelled-body = No se tomará nada de su cuenta por este pago. Le enviamos un aviso de que está cancelado.
receipt-status = Estado
receipt-loan = Préstamo
receipt-ending = Termina en { $last4 }
receipt-amount = Monto
receipt-from = Desde
receipt-declined-nothing-charged = Rechazado: no se cobró nada. { $reason }
receipt-how-will-apply = Cómo se aplicará
receipt-how-applied = Cómo se aplicó
receipt-promise-changed-title = No es lo que le dijimos cuando lo programó
receipt-promise-cancel = Si no quiere que se realice, cancélelo abajo antes de la hora límite del { $date }.
receipt-cancel-button = Cancelar este pago
receipt-cancel-until = Puede cancelarlo hasta que el pago se envíe a su banco a la hora límite del { $date }.
receipt-cancel-too-late-heading = Este pago ya no se puede cancelar
receipt-cancel-too-late-help = Si necesita que le devolvamos el dinero, llámenos: podemos ayudarle.
receipt-back-to-payment = Volver al pago

# El estado de un pago.
receipt-status-processing = En proceso
receipt-status-pending = Pendiente
receipt-status-posted = Registrado
receipt-status-cancelled = Cancelado
receipt-status-declined = Rechazado
receipt-status-moved = Trasladado a otro préstamo
receipt-status-reversed = Revertido
receipt-status-returned = Devuelto por su banco

# Qué es la fecha del pago.
receipt-date-to-be-credited = Se acreditará el
receipt-date-credited = Acreditado el
receipt-date-was-scheduled = Estaba programado para el

# Un pago retirado del préstamo: quién lo retiró, cuándo y por qué.
receipt-returned-moved = Trasladamos este pago fuera de este préstamo
receipt-returned-reversed = Revertimos este pago
receipt-returned-bank = Su banco devolvió este pago
receipt-returned-on = { $who } el { $date }
receipt-returned-why = { $who }: { $why }. Se retiró de su préstamo.
receipt-why-moved = el pago se trasladó al préstamo al que correspondía
receipt-why-returned-unpaid = el pago fue devuelto sin pagar
receipt-why-posted-in-error = el pago se registró por error
receipt-why-duplicate = el pago se registró dos veces
# La devolución de un banco y su código: "fondos insuficientes (R01)".
receipt-why-bank-code = { $why } ({ $code })
receipt-why-r01 = fondos insuficientes
receipt-why-r02 = la cuenta está cerrada
receipt-why-r03 = la cuenta no existe, o el número de cuenta no coincide con el nombre
receipt-why-r04 = el número de cuenta no es válido
receipt-why-unauthorized = su banco informa que el débito no fue autorizado
receipt-why-r08 = se ordenó suspender el pago
receipt-why-r09 = los fondos aún no estaban disponibles
receipt-why-r16 = la cuenta está congelada
receipt-why-r20 = la cuenta no permite débitos
receipt-why-other = su banco lo devolvió

## El monto de liquidación en la página del préstamo

payoff-date-unreadable = Escriba la fecha de liquidación como una fecha, por ejemplo, 15 de diciembre de 2026
payoff-nothing-left = Este préstamo no tiene nada pendiente por liquidar.
payoff-principal = Capital
payoff-interest-through = Intereses acumulados hasta el { $date }
payoff-fees = Cargos
payoff-late-fees = Cargos por pago atrasado
payoff-returned-payment-fees = Cargos por pago devuelto
payoff-previous-servicer-fees = Cargos que se debían cuando su préstamo pasó a nosotros
payoff-refund-owed = Reembolso que debe devolvernos
payoff-changed-past = Usted pidió la liquidación para el { $asked }, fecha que ya pasó, así que esta es la liquidación para hoy, { $today }.
payoff-changed-after-last-due = Usted pidió la liquidación para el { $asked }, que es después de la fecha de vencimiento del último pago de su préstamo, el { $last_due }. Todo lo que queda vence ese día, así que esta es la liquidación para el { $last_due }; cada día después suma el monto diario que aparece abajo.
payoff-counts-credited = Incluye los pagos acreditados a su préstamo hasta el { $today }. Si su banco devuelve alguno, lo que pagó se vuelve a deber y el monto de liquidación sube.
payoff-coming-one = { $amount } para el { $date } (confirmación { $confirmation })
payoff-no-other-payment = Supone que no se hace ningún otro pago antes del { $on }; si se hace, reduce lo que debe por su monto.
payoff-not-counting = No incluye los pagos en camino: { $payments }. Cada uno que se acredite antes del { $on } reduce lo que debe por su monto.
payoff-autopay-keeps-drafting = Su AutoPay sigue debitando hasta que el préstamo esté pagado en su totalidad: un débito acreditado antes del { $on } reduce lo que debe por su monto.
payoff-includes-interest = Incluye los intereses hasta el { $on } y cualquier cargo por pago atrasado cobrado para entonces por un pago que vence antes y que no se haga.
payoff-good-for = Es válido para un pago que recibamos el { $on }. Por cada día después, sume { $per_diem } de intereses.
payoff-before-start = Elija una fecha de liquidación a partir del { $start }: el préstamo comenzó ese día

## Por qué se rechazó un pago (junto al campo al que se refiere)

refusal-amount-unreadable = Escriba un monto en dólares y centavos, por ejemplo, 125.50 (no { $shown })
refusal-amount-too-many-cents = Escriba un monto en dólares y centavos, con dos dígitos de centavos como máximo, por ejemplo, 125.50 (no { $shown })
refusal-amount-not-positive = Escriba un monto mayor que cero
refusal-amount-over-ceiling = Escriba un monto de hasta { $ceiling }
refusal-over-limit = Lo máximo que puede ser un pago aquí es { $limit }. Haga más de un pago, o llámenos
refusal-past-date = Elija hoy o una fecha posterior (hoy es { $today })
refusal-card-scheduled = Los pagos con tarjeta se hacen hoy. Para programar un pago, pague desde una cuenta bancaria
refusal-too-late = Elija una fecha hasta el { $latest } ({ $days } días a partir de hoy)
refusal-too-late-from-due = Elija una fecha hasta el { $latest } ({ $days } días después de su próxima fecha de vencimiento, el { $due })
refusal-not-active = Este préstamo está pagado en su totalidad o cerrado; no hay nada que pagar
refusal-paid-by-scheduled = Los pagos ya programados liquidan este préstamo
refusal-nothing-due = No se debe nada de ese tipo por ahora. Elija otro monto
refusal-over-payoff = Eso es más que el monto de liquidación para el { $date }, { $payoff }. Elija la liquidación del préstamo
refusal-no-payment-method = Elija una cuenta bancaria o tarjeta desde la cual pagar
refusal-no-draft-method = Elija la cuenta bancaria o tarjeta de la que se cobrará
refusal-method-not-saved = Elija una de sus cuentas bancarias o tarjetas guardadas
refusal-no-amount = Elija cuánto pagar
refusal-date-unreadable = Escriba la fecha, por ejemplo, 15 de diciembre de 2026, o elija hoy
refusal-agreement-needed = Marque la casilla para aceptar la autorización, o regrese
refusal-autopay-inactive = Este préstamo está pagado en su totalidad o cerrado: no necesita AutoPay
refusal-days-before-due = Elija un día de débito desde la fecha de vencimiento hasta { $max } días antes
refusal-fixed-below-scheduled = Un monto fijo debe ser al menos el pago programado, { $scheduled }
refusal-frequency-not-offered = El producto de este préstamo no lo permite: su AutoPay puede cobrar { $offered }
refusal-frequency-monthly = mensualmente
refusal-frequency-twice-monthly = dos veces al mes
refusal-frequency-biweekly = cada dos semanas
refusal-list-or = { $first } o { $last }
refusal-no-frequency = Elija con qué frecuencia cobra AutoPay
refusal-draft-day-out-of-range = Elija días del mes entre el 1 y el 28
refusal-draft-days-too-close = Elija dos días separados por al menos 10 días, contando también a través del fin de mes (como el 1 y el 15)
refusal-start-unreadable = Escriba la fecha del primer débito, por ejemplo, 11 de diciembre de 2026
refusal-biweekly-start = Elija una fecha para el primer débito entre el { $earliest } y el { $latest }
refusal-fixed-monthly-only = Un monto fijo es para AutoPay mensual: dos veces al mes o cada dos semanas, cada débito es la mitad de su pago mensual
refusal-not-found = no se encontró
refusal-key-reused = Esta clave de idempotencia ya se usó para otra solicitud
refusal-session-ended = Su sesión terminó. Inicie sesión de nuevo
refusal-too-late-to-cancel = Este pago ya se envió a su banco y ya no se puede cancelar
refusal-processor-unavailable = No pudimos comunicarnos con el procesador de tarjetas. No se cobró nada a su tarjeta. Intente de nuevo en unos minutos

## Por qué se rechazó una tarjeta (la respuesta del procesador, en nuestras palabras)

receipt-decline-insufficient = Su tarjeta fue rechazada por fondos insuficientes
receipt-decline-expired = Su tarjeta está vencida. Use otra tarjeta
receipt-decline-cvc = El código de seguridad no es correcto. Vuelva a agregar la tarjeta
receipt-decline-removed = Esta tarjeta se eliminó antes de que se le cobrara
receipt-decline-declined = Su tarjeta fue rechazada. Use otra tarjeta o una cuenta bancaria
