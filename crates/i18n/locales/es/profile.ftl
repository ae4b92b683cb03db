# El perfil del prestatario: los datos de contacto y la dirección postal, el idioma, las
# alertas y recordatorios, los estados de cuenta sin papel, el centro de mensajes y la
# solicitud de ayuda por dificultad económica.
# Los valores entre { $llaves } los completa Servicer; consérvelos.

## Perfil y preferencias

profile-title = Perfil y preferencias
profile-saved = Sus cambios se guardaron.
profile-confirm-address = Confirme su dirección postal
profile-confirm-address-heading = Confirme su dirección postal, por favor
profile-confirm-address-body = No pudimos leer la dirección que tenemos de usted como calle, ciudad, estado y código postal. Revísela y vuelva a ingresarla, para que sus estados de cuenta y cartas le lleguen.
profile-contact-heading = Datos de contacto
profile-email = Correo electrónico
profile-phone = Teléfono celular
profile-address = Dirección postal
profile-none-on-file = No tenemos ninguno registrado
profile-change-contact = Cambiar los datos de contacto
profile-signin-heading = Inicio de sesión y seguridad
profile-username = Nombre de usuario
profile-second-step = Segundo paso
profile-second-step-totp = Aplicación de autenticación
profile-second-step-sms = Un código por mensaje de texto
profile-second-step-email = Un código por correo electrónico
profile-change-password = Cambiar la contraseña
profile-second-step-link = Segundo paso para iniciar sesión
profile-sign-out-everywhere = Cerrar sesión en todos los dispositivos
profile-sign-out-everywhere-hint = Cierra su sesión en todos los dispositivos y olvida los dispositivos recordados.
profile-prefs-heading = Alertas y estados de cuenta
profile-statements = Estados de cuenta
profile-statements-paperless = Sin papel (solo en línea)
profile-statements-paper = En papel, por correo postal
profile-alerts-link = Alertas y recordatorios
profile-paperless-link = Estados de cuenta sin papel
profile-payment-methods-link = Métodos de pago
profile-language-heading = Idioma
profile-language = Idioma
profile-language-follows = Sus correos electrónicos, mensajes de texto y estados de cuenta también le llegan en este idioma.
profile-language-choose = El idioma en que nos lee
profile-language-save = Guardar el idioma

## Confirmar la contraseña y cambiarla

profile-step-up-heading = Vuelva a ingresar su contraseña
profile-step-up-intro = Por su seguridad, le pedimos su contraseña antes de que cambie sus datos de contacto, su contraseña o los pasos para iniciar sesión.
profile-password = Contraseña
profile-continue = Continuar
profile-password-heading = Cambie su contraseña
profile-password-intro = Al cambiar su contraseña, se cierra su sesión en todos los demás dispositivos.
profile-password-current = Contraseña actual
profile-password-new = Contraseña nueva
profile-password-new-hint = Al menos 12 caracteres; que no sea una contraseña común
profile-password-confirm = Vuelva a ingresar la contraseña nueva

## Cambiar los datos de contacto

contact-title = Cambie sus datos de contacto
contact-intro = Aquí le enviamos códigos, alertas y avisos. Le avisaremos del cambio a su dirección de correo electrónico anterior.
contact-no-street = No tenemos una dirección con calle para usted.
contact-as-typed = Tenemos su dirección como “{ $address }” y no pudimos leerla como calle, ciudad, estado y código postal.
contact-enter-below = Ingrésela abajo, para que sus estados de cuenta y cartas le lleguen.
contact-email = Dirección de correo electrónico
contact-phone = Teléfono celular (opcional)
contact-phone-hint = Para mensajes de texto, si los elige. Por ejemplo, 217 555 0143
contact-address = Dirección postal
contact-address-hint = Adonde enviamos los estados de cuenta en papel y las cartas. Una dirección de EE. UU. o una dirección militar (AA, AE o AP).
contact-line1 = Dirección (número y calle)
contact-line2 = Apartamento, oficina o unidad (opcional)
contact-city = Ciudad
contact-state = Estado
contact-choose-state = Elija un estado
contact-zip = Código postal (ZIP)
contact-zip-hint = 5 dígitos, o 9 para ZIP+4
contact-save = Guardar los datos de contacto
contact-cancel = Cancelar

# Una parte de la dirección, como la nombran los mensajes de abajo.
contact-field-line1 = La dirección
contact-field-line2 = El apartamento, oficina o unidad
contact-field-city = La ciudad
contact-field-state = El estado
contact-field-zip = El código postal

# Lo que está mal en una parte de la dirección, junto a su campo.
contact-error-line1-missing = Ingrese la dirección, como 1207 W Lawrence Ave o PO Box 4410
contact-error-city-missing = Ingrese la ciudad
contact-error-state-missing = Elija el estado
contact-error-zip-missing = Ingrese el código postal
contact-error-too-long = { $field } debe tener { $max } caracteres o menos (tiene { $chars })
contact-error-unprintable = { $field } solo puede tener letras, números, espacios y signos de puntuación, en una sola línea
contact-error-state-unknown = Elija un estado, el Distrito de Columbia, un territorio de EE. UU., o AA, AE o AP para una dirección militar
contact-error-zip-shape = Ingrese un código postal de 5 dígitos como 62704, o ZIP+4 como 62704-1234

# Lugares de la lista de estados cuyo nombre lleva palabras, no solo un nombre propio.
contact-state-dc = Distrito de Columbia
contact-state-as = Samoa Estadounidense
contact-state-mp = Islas Marianas del Norte
contact-state-vi = Islas Vírgenes de EE. UU.
contact-state-fm = Estados Federados de Micronesia
contact-state-mh = Islas Marshall
contact-state-aa = Fuerzas Armadas de las Américas (AA)
contact-state-ae = Fuerzas Armadas en Europa, Medio Oriente, África y Canadá (AE)
contact-state-ap = Fuerzas Armadas del Pacífico (AP)

## Alertas y recordatorios

alerts-title = Alertas y recordatorios
alerts-back = Volver a su perfil
alerts-saved = Sus preferencias de alertas se guardaron.
alerts-intro = Elija cómo le avisamos de cada cosa. Las alertas de seguridad siempre se envían por correo electrónico, y las alertas que lo protegen (un pago devuelto), siempre por correo electrónico y a su centro de mensajes.
alerts-always-sent = Siempre se envía por correo electrónico y a su centro de mensajes.
alerts-always-on = (siempre activada)
alerts-add-phone-html = Para recibir mensajes de texto, primero <a href="{ $href }">agregue un número de celular</a>.
alerts-save = Guardar las preferencias de alertas
alerts-texts-agreed = Usted aceptó recibir mensajes de texto.
alerts-stop-texts = Dejar de recibir mensajes de texto
alerts-reply-stop = (también puede responder STOP a cualquier mensaje de texto).
alerts-protective-why = Un pago que su banco devolvió, o que se retiró de su préstamo, deja el pago sin pagar y puede generar un cargo, por eso siempre le avisamos por correo electrónico y en su centro de mensajes. Puede agregar mensajes de texto.
alerts-sms-consent = Acepto recibir alertas de mi cuenta por mensaje de texto en el número de celular registrado. La frecuencia de los mensajes varía. Pueden aplicarse tarifas de mensajes y datos. Responda STOP a cualquier mensaje de texto para dejar de recibirlos, o desactívelos aquí en cualquier momento.

# Cada alerta: su nombre y lo que avisa.
alerts-payment-due = Pago por vencer
alerts-payment-due-about = un recordatorio unos días antes de cada fecha de vencimiento
alerts-payment-received = Pago recibido
alerts-payment-received-about = cuando se acredita un pago
alerts-autopay-upcoming = Próximo débito de AutoPay
alerts-autopay-upcoming-about = el monto y la fecha antes de cada débito
alerts-payment-returned = Pago devuelto
alerts-payment-returned-about = cuando su banco devuelve un pago
alerts-statement-ready = Estado de cuenta disponible
alerts-statement-ready-about = cuando hay un nuevo estado de cuenta en el portal
alerts-past-due = Pago atrasado
alerts-past-due-about = cuando un pago está atrasado
alerts-paid-off = Préstamo pagado en su totalidad
alerts-paid-off-about = cuando un préstamo se paga en su totalidad
alerts-secure-message = Respuesta a un mensaje seguro
alerts-secure-message-about = cuando respondemos un mensaje seguro que usted envió

# Las formas en que se envía una alerta.
alerts-channel-email = Correo electrónico
alerts-channel-sms = Mensaje de texto
alerts-channel-portal = Centro de mensajes

# El enlace de un correo de alerta que la detiene.
alerts-unsubscribe-heading = ¿Dejar de recibir estos correos?
alerts-unsubscribe-intro = Dejaremos de enviarle esta alerta por correo electrónico. Puede volver a activarla en Perfil y preferencias. Las alertas de seguridad y los avisos que exige la ley se siguen enviando.
alerts-unsubscribe-button = Dejar de recibir estos correos
alerts-unsubscribed = Ya no recibirá estos correos
alerts-unsubscribed-body = Puede volver a activarlos en Perfil y preferencias, Alertas y recordatorios.
alerts-unsubscribe-sign-in = Iniciar sesión
alerts-unsubscribe-invalid = Ese enlace no es válido
alerts-unsubscribe-invalid-body = No se cambió nada. Inicie sesión y elija sus alertas en Perfil y preferencias.
alerts-cannot-stop = Estos correos no se pueden detener
alerts-cannot-stop-body = No se cambió nada. Todas las demás alertas las elige en Perfil y preferencias, Alertas y recordatorios.

## Estados de cuenta sin papel

paperless-title = Estados de cuenta sin papel
paperless-now-online = Recibe sus estados de cuenta solo en línea: le escribimos a { $email } cuando cada uno está disponible.
paperless-now-paper = Recibe sus estados de cuenta en papel, por correo postal.
paperless-consent-heading = Consentimiento para recibir estados de cuenta y avisos electrónicos
paperless-esign = Acepto recibir mis estados de cuenta y avisos sobre mis préstamos en forma electrónica en lugar de en papel. Esto incluye los estados de cuenta mensuales, los avisos sobre cambios en mi cuenta y otros documentos sobre mis préstamos. Puedo retirar este consentimiento en cualquier momento en Perfil y preferencias, sin costo, y los estados de cuenta en papel comenzarán con el próximo estado de cuenta. Puedo pedir una copia en papel de cualquier documento sin cargo llamando a servicio al cliente. Para ver los estados de cuenta necesito un dispositivo con un navegador web actualizado y un lector de PDF, y una dirección de correo electrónico que funcione.
paperless-withdraw = Para retirar su consentimiento y volver a recibir estados de cuenta en papel, sin costo:
paperless-send-paper = Envíenme estados de cuenta en papel
paperless-agree = Leí el consentimiento de arriba y acepto recibir mis estados de cuenta y avisos en forma electrónica
paperless-go = Pasar a sin papel

## Mensajes

messages-title = Mensajes
messages-sent = Su mensaje se envió. Respondemos en un plazo de 2 días hábiles, aquí en sus mensajes.
messages-write = Escríbanos
messages-inbox-heading = De nosotros
messages-none = Todavía no hay mensajes.
messages-new-tag = Nuevo
messages-from-us = Nosotros
messages-threads-heading = Sus mensajes seguros
messages-no-threads = Todavía no nos ha escrito.
messages-thread-meta = { $count ->
    [one] { $count } mensaje
   *[other] { $count } mensajes
  } · último { $when }
messages-status-closed = Cerrada
messages-status-waiting = Esperando nuestra respuesta
messages-status-answered = Respondida
messages-back = Volver a los mensajes
messages-closed = Esta conversación está cerrada. Si vuelve a escribir, se abre de nuevo.
messages-we-wrote = { $name } escribió
messages-you-wrote = Usted escribió
messages-write-again = Vuelva a escribir en esta conversación
messages-no-card = No incluya el número completo de una tarjeta ni de una cuenta bancaria.
messages-send = Enviar el mensaje
messages-compose-intro = Los mensajes seguros no salen del portal. No incluya el número completo de una tarjeta ni de una cuenta bancaria.
messages-subject = Asunto
messages-body = Su mensaje

# Lo que está mal en un mensaje, junto a su campo.
messages-error-subject-missing = Ingrese un asunto
messages-error-body-missing = Escriba su mensaje
messages-error-email-missing = Ingrese su dirección de correo electrónico
messages-error-subject-too-long = El asunto debe tener { $max } caracteres o menos
messages-error-body-too-long = Su mensaje debe tener { $max } caracteres o menos
messages-error-email-too-long = Su dirección de correo electrónico debe tener { $max } caracteres o menos
messages-error-throttled = Demasiados mensajes por ahora. Espere 15 minutos y vuelva a intentarlo, o llámenos
messages-error-session-ended = Su sesión terminó. Vuelva a empezar
messages-error-not-found = Ese mensaje no existe

## ¿No puede hacer un pago? (dificultad económica)

hardship-title = ¿No puede hacer un pago?
hardship-back = Volver a sus préstamos
hardship-intro = Si le ocurrió algo que le dificulta hacer un pago, avísenos lo antes posible, de ser posible antes de que se atrase un pago. Es posible que podamos ayudarle.
hardship-offer-heading = Lo que podemos ofrecerle
hardship-no-options = Díganos qué le ayudaría y veremos qué podemos hacer con su préstamo.
hardship-options-note = Cuáles de estas opciones podemos ofrecerle depende de su préstamo y de lo que ocurrió. Antes de aceptar una opción, pregúntenos cómo se informaría a las agencias de crédito.
hardship-what-happens = Qué pasa cuando lo pide
hardship-step-message-html = Su solicitud llega a nuestro equipo como un mensaje seguro, con su préstamo indicado. Está en sus <a href="{ $href }">Mensajes</a>, y nuestra respuesta también estará allí, en un plazo de 2 días hábiles.
hardship-step-proof = Es posible que le pidamos algo que demuestre lo que ocurrió, como una carta de un empleador o de un médico.
hardship-step-nothing-changes = Nada cambia en su préstamo a menos que usted lo acepte, y le confirmamos cualquier cambio por escrito.
hardship-asking-heading = Pedir ayuda no cambia su cuenta por sí solo
hardship-asking-body = Hasta que acordemos un cambio con usted, sus pagos siguen venciendo en sus fechas, AutoPay sigue cobrando si está activado, y a un pago hecho tarde se le puede seguir cobrando un cargo por pago atrasado e informarse como atrasado.
hardship-call-html = ¿Prefiere hablar con nosotros? Llámenos al <a href="tel:{ $phone }">{ $phone }</a>, { $hours }.
hardship-ask-heading = Pídanos ayuda
hardship-no-loans-html = Ninguno de los préstamos vinculados a su inicio de sesión tiene pagos pendientes. Si falta un préstamo suyo, <a href="{ $href }">agréguelo</a> o llámenos.
hardship-loan = Qué préstamo
hardship-choose-loan = Elija un préstamo
hardship-loan-ending = Préstamo que termina en { $last4 }
hardship-loan-ending-past-due = Préstamo que termina en { $last4 } (atrasado)
hardship-reason = ¿Qué ocurrió?
hardship-option = ¿Sobre qué nos consulta?
hardship-unsure = No estoy seguro: díganme qué podría funcionar
hardship-details = Con sus propias palabras, ¿qué ocurrió y qué le ayudaría?
hardship-details-hint = Por ejemplo, cuándo dejó de recibir ingresos o cuándo cambiaron, y cuánto podría pagar cada mes. Hasta { $max } caracteres. No incluya el número completo de una tarjeta ni de una cuenta bancaria.
hardship-way = La mejor forma de comunicarnos con usted
hardship-way-hint-html = Su número de teléfono y su dirección de correo electrónico están en <a href="{ $href }">Perfil</a>.
hardship-time = El mejor horario para comunicarnos con usted
hardship-send = Enviar mi solicitud

# Lo que ocurrió.
hardship-reason-job-loss = Perdí mi empleo
hardship-reason-less-income = Me redujeron las horas o el sueldo
hardship-reason-illness = Enfermedad o lesión, mía o de mi familia
hardship-reason-family = Una muerte, divorcio o separación en mi familia
hardship-reason-disaster = Un desastre natural
hardship-reason-other = Otra cosa

# La mejor forma y el mejor horario para comunicarnos con el prestatario.
hardship-way-phone = Por teléfono, al número registrado
hardship-way-email = Por correo electrónico, a la dirección registrada
hardship-way-message = Solo en mis mensajes seguros aquí
hardship-when-morning = Por la mañana, antes del mediodía
hardship-when-afternoon = Por la tarde, del mediodía a las 5 p. m.
hardship-when-evening = Por la noche, después de las 5 p. m.
hardship-when-any = En cualquier horario de atención

# Lo que está mal en la solicitud, junto a su campo.
hardship-error-loan = Elija el préstamo sobre el que consulta
hardship-error-reason = Elija lo que ocurrió
hardship-error-option = Elija la opción sobre la que consulta, o que no está seguro
hardship-error-details-missing = Cuéntenos con sus propias palabras qué ocurrió y qué le ayudaría
hardship-error-details-too-long = Sus palabras deben tener { $max } caracteres o menos
hardship-error-way = Elija la mejor forma de comunicarnos con usted
hardship-error-time = Elija el mejor horario para comunicarnos con usted

# Después de enviarla.
hardship-sent-title = Recibimos su solicitud
hardship-sent-in-messages = Su solicitud está en sus mensajes como “{ $subject }”.
hardship-sent-read = Leerla en Mensajes
hardship-next-heading = Qué pasa después
hardship-next-body = Nuestro equipo la lee y le responde en sus Mensajes en un plazo de 2 días hábiles. Si necesitamos hablarlo, nos comunicamos con usted de la forma que pidió. Es posible que le pidamos algo que demuestre lo que ocurrió.
hardship-until-heading = Mientras tanto
hardship-until-body = Pedir ayuda no cambia nada en su cuenta por sí solo. Hasta que acordemos un cambio con usted por escrito, sus pagos siguen venciendo en sus fechas, AutoPay sigue cobrando si está activado, y a un pago hecho tarde se le puede seguir cobrando un cargo por pago atrasado e informarse como atrasado.

## La solicitud por dificultad económica tal como se envía (un mensaje seguro que leen el prestatario y el personal)

hardship-request-subject = Solicitud por dificultad económica: préstamo que termina en { $last4 }
hardship-request-heading = Solicitud por dificultad económica
hardship-request-loan = Préstamo: cuenta { $account } (termina en { $last4 })
hardship-request-reason = Qué pasó: { $reason }
hardship-request-option = Pregunta por: { $option }
hardship-request-unsure = No estoy seguro: díganme qué podría funcionar
hardship-request-way = Mejor forma de contactarme: { $way }
hardship-request-when = Mejor horario: { $when }
hardship-request-in-my-words = En mis palabras:
