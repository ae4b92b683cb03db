# El marco de cada página del prestatario: el enlace para saltar al contenido, los menús, el
# pie de página, el cambio de idioma y las páginas de error. Los valores entre { $llaves } los
# completa Servicer; consérvelos.

skip-to-main = Saltar al contenido principal
nav-main = Principal
nav-your-loans = Sus préstamos
nav-documents = Documentos
nav-messages = Mensajes
nav-unread = sin leer
nav-profile = Perfil
nav-help = Ayuda
nav-sign-out = Cerrar sesión
nav-home = Inicio
nav-sign-in = Iniciar sesión
footer-questions-html = ¿Preguntas? Llame al <a href="tel:{ $phone }">{ $phone }</a>, { $hours }, o escriba a <a href="mailto:{ $email }">{ $email }</a>.
footer-services-for-lender = { $name } administra su préstamo en nombre de su prestamista.

## Páginas de error

error-quote-id = Si nos llama por esto, mencione el error
error-back = Volver a la página en la que estaba
error-back-note = (se abre de nuevo: el botón Atrás de su navegador conserva lo que escribió).
error-home-or-help-html = <a href="{ $home }">Ir a la página de inicio</a> u <a href="/help">obtener ayuda</a>.
error-not-found = No se encontró la página
error-not-found-body = Si escribió la dirección web, verifique que sea correcta.
error-internal = Lo sentimos, algo salió mal
error-internal-body = No pudimos completar esta solicitud. No se cambió nada. Vuelva a intentarlo en unos minutos.
error-too-large = Eso era demasiado para enviar
error-too-large-body = No se guardó ni se cambió nada: lo que envió supera los { $kb } KB que aceptamos. Use el botón Atrás de su navegador para volver al formulario, donde normalmente sigue lo que escribió; acórtelo (un mensaje seguro puede tener hasta { $max } caracteres) y envíelo de nuevo.
error-cross-site = Esta solicitud vino de otro sitio
error-cross-site-body = Por su seguridad, solo aceptamos formularios enviados desde nuestras propias páginas. No se cambió nada.
error-expired = Esta página venció
error-expired-body = No se cambió nada. Es posible que su sesión haya terminado: vuelva atrás, recargue la página e inténtelo de nuevo, o vuelva a iniciar sesión.
error-form-incomplete = Ese formulario no estaba completo
error-form-incomplete-body = No se cambió nada. Vuelva atrás, complete cada campo e inténtelo de nuevo.
error-form-reload-body = No se cambió nada. Vuelva atrás, recargue la página e inténtelo de nuevo.
error-not-allowed = No puede hacer esto

## El cambio de idioma

language-unknown = No ofrecemos ese idioma
language-unknown-body = Servicer está en inglés y en español. No se cambió nada.

## Formularios

form-error-prefix = Error:
form-there-is-a-problem = Hay un problema

## Cómo se aplicó (o se aplicará) un pago

split-caption = Cómo se divide este pago
split-to = A
split-amount = Monto
split-fees = Cargos
split-interest = Intereses
split-principal = Capital
split-unapplied = Más que el saldo: lo guardamos como crédito en su cuenta (llámenos al { $phone } para que se lo reembolsemos)
