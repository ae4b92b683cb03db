# Iniciar sesión, crear el acceso, recuperar el nombre de usuario o la contraseña, agregar un
# préstamo, el segundo paso para iniciar sesión, y lo que dice el portal cuando rechaza uno de
# estos pasos. Los valores entre { $llaves } los completa Servicer; consérvelos.

## Palabras que comparten varias páginas

auth-username = Nombre de usuario
auth-password = Contraseña
auth-code = Código
auth-continue = Continuar
auth-account-number = Número de cuenta
auth-ssn-last4 = Últimos 4 dígitos de su número de Seguro Social
auth-date-of-birth = Fecha de nacimiento
auth-date-of-birth-hint = Por ejemplo, 04/12/1985 (mes/día/año)
auth-zip = Código postal (ZIP)
auth-back-to-profile = Volver a su perfil
auth-stay-signed-in = Mantener la sesión iniciada

## Iniciar sesión

login-heading = Iniciar sesión
login-new-here = ¿Es nuevo aquí?
login-new-here-body = Cree su acceso con el número de cuenta de 16 dígitos que aparece en su estado de cuenta.
login-notice-reset = Su contraseña cambió. Inicie sesión con la nueva contraseña.
login-notice-signed-out = Cerró sesión.
login-notice-not-paid = Su sesión terminó antes de que se confirmara su pago, así que el pago NO se realizó. Inicie sesión y vuelva a hacer el pago.
login-notice-ended = Su sesión terminó. Vuelva a iniciar sesión.

## El código que enviamos para iniciar sesión o para crear el acceso

auth-verify-heading-app = Ingrese el código de su aplicación
auth-verify-heading-messages = Revise sus mensajes
auth-verify-totp-intro = Abra su aplicación de autenticación e ingrese el código de 6 dígitos que muestra para { $name }. ¿Perdió su teléfono? Ingrese uno de sus códigos de recuperación.
auth-verify-sent-html = Enviamos un código de 6 dígitos a <strong>{ $to }</strong>. Vence en 10 minutos.
auth-verify-remember = Recordar este dispositivo por 30 días (no lo marque en una computadora compartida)
# "¿No recibió el código? Revise su carpeta de correo no deseado, o [envíe un código nuevo por correo electrónico] o [por mensaje de texto]."
auth-verify-no-code = ¿No recibió el código? Revise su carpeta de correo no deseado, o
auth-verify-resend-email = envíe un código nuevo por correo electrónico
auth-verify-resend-or = o
auth-verify-resend-text = por mensaje de texto

## Crear su acceso

enroll-heading = Crear su acceso
enroll-intro = Necesita su estado de cuenta (o la carta que le informó que su préstamo pasó a nosotros). Comparamos estos datos con nuestros registros y luego enviamos un código al correo electrónico o al número de celular que tenemos registrado.
enroll-account-number-hint = Los 16 dígitos de su estado de cuenta, por ejemplo 5218 4000 0000 1010
enroll-zip-hint = El código postal de la dirección que aparece en su estado de cuenta
enroll-send-where = ¿A dónde le enviamos el código?
enroll-by-email = Al correo electrónico registrado
enroll-by-text = Por mensaje de texto al número de celular registrado
enroll-have-sign-in = ¿Ya tiene un acceso?
enroll-credentials-heading = Elija un nombre de usuario y una contraseña
enroll-credentials-username-hint = De 4 a 64 letras, dígitos, puntos, guiones, guiones bajos o @
enroll-credentials-password-hint = Al menos 12 caracteres. Lo mejor es una frase de varias palabras que pueda recordar; no puede ser una contraseña común
enroll-credentials-confirm = Vuelva a ingresar la contraseña
enroll-credentials-button = Crear acceso

## ¿Olvidó su nombre de usuario o su contraseña?

recover-username-heading = ¿Olvidó su nombre de usuario?
recover-username-intro = Ingrese el correo electrónico que tenemos registrado. Le enviaremos su nombre de usuario a esa dirección.
recover-username-button = Enviarme mi nombre de usuario
recover-username-sent = Si ese correo electrónico está registrado con un acceso, le enviamos el nombre de usuario. Puede tardar unos minutos en llegar.
recover-email-address = Correo electrónico
recover-password-heading = ¿Olvidó su contraseña?
recover-password-intro = Ingrese su nombre de usuario. Le enviaremos un enlace para elegir una contraseña nueva al correo electrónico registrado.
recover-password-button = Enviarme un enlace
recover-password-sent = Si ese nombre de usuario existe, enviamos un enlace al correo electrónico registrado. El enlace funciona una sola vez, durante 30 minutos.
recover-check-email = Revise su correo electrónico
recover-back-to-sign-in = Volver a iniciar sesión
recover-reset-heading = Elija una contraseña nueva
recover-reset-intro = Al menos 12 caracteres. Lo mejor es una frase de varias palabras que pueda recordar.
recover-reset-password = Contraseña nueva
recover-reset-confirm = Vuelva a ingresarla
recover-reset-button = Cambiar la contraseña

## Agregar un préstamo

link-heading = Agregar un préstamo
link-intro = Los préstamos suyos que administramos aparecen en Sus préstamos. Para agregar un préstamo que está bajo otro registro (por ejemplo, un préstamo que pasó a nosotros más tarde), ingrese sus datos. Enviaremos un código al contacto registrado para ese préstamo.
link-account-number-hint = Los 16 dígitos del estado de cuenta
link-back-to-loans = Volver a Sus préstamos
link-code-sent = Enviamos un código de 6 dígitos a { $to }. Vence en 10 minutos.
link-contact-on-file = el contacto registrado
link-button = Agregar el préstamo

## Cerrar sesión en todas partes, y el aviso antes de que termine una sesión inactiva

auth-everywhere-heading = ¿Cerrar sesión en todas partes?
auth-everywhere-what = Se cerrará su sesión en todos los dispositivos y navegadores donde la tenga iniciada, incluido este. Lo que aún no se haya enviado en esos dispositivos (un pago sin confirmar, un mensaje sin enviar) no se enviará.
auth-everywhere-devices = Los dispositivos que eligió recordar le pedirán un código otra vez la próxima vez que inicie sesión.
auth-everywhere-button = Cerrar sesión en todas partes
auth-session-warning = Su sesión se cerrará en { $count ->
        [one] { $count } minuto
       *[other] { $count } minutos
    } porque no ha habido actividad en esta página. Lo que aún no esté confirmado no se enviará.
auth-session-ended = Su sesión se cerró. Lo que no estaba confirmado no se envió.
auth-session-sign-in-again = Volver a iniciar sesión

## El segundo paso para iniciar sesión

security-heading = Segundo paso para iniciar sesión
security-totp-on = Usted inicia sesión con su contraseña y el código de su aplicación de autenticación. { $count ->
        [one] Le queda { $count } código de recuperación.
       *[other] Le quedan { $count } códigos de recuperación.
    }
security-move-app = Cambiar a un teléfono o una aplicación nuevos
security-move-app-note = (esto también le da códigos de recuperación nuevos)
security-codes-by-message = Usar códigos por correo electrónico
security-codes-on = Usted inicia sesión con su contraseña y un código que le enviamos cada vez.
security-app-safer = Una aplicación de autenticación (por ejemplo, en su teléfono) es más segura que los códigos por correo electrónico o mensaje de texto, y funciona sin señal.
security-totp-heading = Configurar una aplicación de autenticación
security-totp-step-open = Abra su aplicación de autenticación y agregue una cuenta.
security-totp-step-scan = Escanee este código con la aplicación.
security-totp-qr-alt = Código QR para configurar su aplicación de autenticación. Si no puede escanearlo, escriba en la aplicación la clave de configuración que aparece abajo.
security-totp-cannot-scan = ¿No puede escanearlo? Escriba esta clave de configuración en la aplicación:
security-totp-step-enter = Ingrese el código de 6 dígitos que muestra ahora la aplicación.
security-totp-code = Código de la aplicación
security-totp-turn-on = Activar
security-totp-cancel = Cancelar
security-totp-done = Su aplicación de autenticación está configurada
security-totp-done-from-now = A partir de ahora, al iniciar sesión le pediremos el código que muestra su aplicación.
security-totp-done-save-codes = Guarde estos códigos de recuperación en un lugar seguro, como un administrador de contraseñas o en papel. Cada uno funciona una sola vez, si pierde su teléfono. No los volveremos a mostrar.
security-recovery-codes = Códigos de recuperación

## Por qué se rechazó un paso (se muestra junto al campo con el problema)

auth-refusal-no-match = No pudimos crear un acceso con esos datos. Verifique el número de cuenta de su estado de cuenta y los datos que ingresó. Si ya tiene un acceso, inicie sesión o use “¿Olvidó su nombre de usuario?”
auth-refusal-already-enrolled = Esta cuenta ya tiene un acceso. Inicie sesión o use “¿Olvidó su nombre de usuario?”
auth-refusal-throttled = Demasiados intentos. Espere 15 minutos y vuelva a intentarlo, o llámenos
auth-refusal-wrong-code = El código no es correcto. Verifíquelo y vuelva a intentarlo ({ $count ->
        [one] le queda { $count } intento
       *[other] le quedan { $count } intentos
    })
auth-refusal-code-spent = El código venció o se intentó demasiadas veces. Pida un código nuevo
auth-refusal-bad-credentials = El nombre de usuario o la contraseña no son correctos
auth-refusal-session-ended = Su sesión terminó. Vuelva a empezar
auth-refusal-step-up-required = Por su seguridad, vuelva a ingresar su contraseña para hacer este cambio
# { $why } es uno de los mensajes auth-refusal-account-number-… de abajo.
auth-refusal-account-number-shape = Ingrese el número de cuenta de 16 dígitos de su estado de cuenta: { $why }
auth-refusal-account-number-length = un número de cuenta tiene 16 dígitos; se ingresaron { $found }
auth-refusal-account-number-digits = un número de cuenta tiene solo dígitos (no se toman en cuenta los espacios ni los guiones)
auth-refusal-account-number-check = este número de cuenta no es válido: compare cada dígito con su estado de cuenta
auth-refusal-ssn-last4-shape = Ingrese los últimos 4 dígitos de su número de Seguro Social
auth-refusal-date-of-birth-shape = Ingrese su fecha de nacimiento como MM/DD/AAAA (mes/día/año), por ejemplo 04/12/1985
auth-refusal-zip-shape = Ingrese un código postal de 5 dígitos, por ejemplo 62704
auth-refusal-username-shape = Elija un nombre de usuario de 4 a 64 letras, dígitos, puntos, guiones, guiones bajos o @
auth-refusal-username-taken = Ese nombre de usuario ya está en uso. Elija otro
auth-refusal-loan-already-linked = Este préstamo ya está en su cuenta
auth-refusal-password-too-short = Ingrese una contraseña de al menos { $min } caracteres
auth-refusal-password-too-long = Ingrese una contraseña de { $max } caracteres como máximo
auth-refusal-password-common = Esta contraseña es demasiado común: es la primera que se intenta adivinar. Elija una frase más larga que solo a usted se le ocurriría
auth-refusal-password-contains-username = Su contraseña no puede contener su nombre de usuario
auth-refusal-password-mismatch = Las contraseñas no coinciden
auth-refusal-step-up-password-wrong = Esa contraseña no es correcta
auth-refusal-current-password-wrong = Su contraseña actual no es correcta
auth-refusal-reminder-email-shape = Ingrese su correo electrónico, por ejemplo nombre@ejemplo.com
auth-refusal-username-missing = Ingrese su nombre de usuario
auth-refusal-reset-link-spent = Este enlace venció o ya se usó. Pida uno nuevo
auth-refusal-setup-key-unreadable = Esa clave de configuración no es válida. Vuelva a empezar
# { $reason } son las palabras de la biblioteca de autenticación (en inglés).
auth-refusal-setup-key-refused = Esa clave de configuración no es válida ({ $reason }). Vuelva a empezar
auth-refusal-authenticator-code-wrong = Ese código no es correcto. Ingrese el código de 6 dígitos que muestra ahora su aplicación
auth-refusal-recovery-code-wrong = Ese código de recuperación no es correcto o ya se usó
auth-refusal-text-missing-email = Ingrese su correo electrónico
auth-refusal-text-missing-subject = Ingrese un asunto
auth-refusal-text-missing-body = Escriba su mensaje
auth-refusal-text-too-long-email = Su correo electrónico debe tener { $max } caracteres o menos
auth-refusal-text-too-long-subject = El asunto debe tener { $max } caracteres o menos
auth-refusal-text-too-long-body = Su mensaje debe tener { $max } caracteres o menos
auth-refusal-email-shape = Ingrese un correo electrónico, por ejemplo nombre@ejemplo.com
auth-refusal-phone-shape = Ingrese un número de celular de EE. UU. de 10 dígitos, por ejemplo 217 555 0143
auth-refusal-alert-unknown = { $item } no es una alerta ni un medio que ofrezcamos
auth-refusal-texts-need-phone = Agregue un número de celular a sus datos de contacto antes de activar los mensajes de texto
auth-refusal-texts-need-consent = Para recibir mensajes de texto, marque la casilla para aceptar recibirlos
auth-refusal-paperless-needs-consent = Para pasarse a sin papel, marque la casilla para aceptar recibir sus estados de cuenta y avisos en forma electrónica
auth-refusal-account-holder-name-length = Ingrese el nombre del titular de la cuenta (hasta { $max } caracteres)
auth-refusal-card-holder-name-length = Ingrese el nombre que aparece en la tarjeta (hasta { $max } caracteres)
auth-refusal-nickname-too-long = El nombre debe tener { $max } caracteres o menos
# { $why } es uno de los mensajes auth-refusal-routing-number-… de abajo.
auth-refusal-routing-number-shape = Ingrese el número de ruta de 9 dígitos que aparece en la parte inferior de un cheque: { $why }
auth-refusal-routing-number-length = un número de ruta tiene 9 dígitos; se ingresaron { $found }
auth-refusal-routing-number-digits = un número de ruta tiene solo dígitos
auth-refusal-routing-number-check = este número de ruta no es válido: compare cada dígito con su cheque o su estado de cuenta bancario
auth-refusal-routing-number-unknown = No reconocemos este número de ruta. Compárelo con un cheque o con el sitio web de su banco
auth-refusal-bank-account-number-shape = Ingrese el número de cuenta: de 4 a 17 dígitos
auth-refusal-account-numbers-differ = Los números de cuenta no coinciden
auth-refusal-account-type-unknown = Elija cuenta de cheques o cuenta de ahorros
auth-refusal-card-number-length = Ingrese los 13 a 19 dígitos del número de la tarjeta
auth-refusal-card-number-check = Este número de tarjeta no es válido. Revise si tiene un error
auth-refusal-card-expiry-shape = Ingrese la fecha de vencimiento como MM/AA, tal como aparece en la tarjeta
auth-refusal-card-expired = Esta tarjeta está vencida
auth-refusal-card-cvv = Ingrese el código de seguridad de { $digits } dígitos de la tarjeta
auth-refusal-card-zip = Ingrese el código postal de 5 dígitos de la dirección de facturación de la tarjeta
# Se dice en lugar del mensaje del procesador de tarjetas (que está en inglés).
auth-refusal-card-not-accepted = No se aceptó la tarjeta
auth-refusal-card-processor-unavailable = No pudimos comunicarnos con el procesador de tarjetas. Vuelva a intentarlo en unos minutos
auth-refusal-card-already-saved = Esta tarjeta ya está guardada como “{ $nickname }”. Elíjala cuando haga un pago o configure AutoPay
auth-refusal-method-pays-autopay = Este método paga su AutoPay del préstamo que termina en { $last4 }. Primero cambie ese AutoPay a otra cuenta o tarjeta, o desactívelo

## Qué tiene de malo una dirección postal

auth-refusal-address-line1-missing = Ingrese la dirección, por ejemplo 1207 W Lawrence Ave o PO Box 4410
auth-refusal-address-city-missing = Ingrese la ciudad
auth-refusal-address-state-missing = Elija el estado
auth-refusal-address-zip-missing = Ingrese el código postal
# { $part } es uno de los nombres auth-refusal-address-part-… de abajo.
auth-refusal-address-too-long = { $part }: debe tener { $max } caracteres o menos (tiene { $chars })
auth-refusal-address-unprintable = { $part }: solo puede tener letras, números, espacios y signos de puntuación, en una sola línea
auth-refusal-address-state-unknown = Elija un estado, el Distrito de Columbia, un territorio de EE. UU., o AA, AE o AP para una dirección militar
auth-refusal-address-zip-shape = Ingrese un código postal de 5 dígitos, por ejemplo 62704, o ZIP+4, por ejemplo 62704-1234
auth-refusal-address-part-line1 = Dirección
auth-refusal-address-part-line2 = Apartamento, suite o unidad
auth-refusal-address-part-city = Ciudad
auth-refusal-address-part-state = Estado
auth-refusal-address-part-zip = Código postal
