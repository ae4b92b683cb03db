# El Centro de ayuda (su página, su búsqueda y cada respuesta) y la página de inicio. Los
# valores entre { $llaves } los completa Servicer; consérvelos. En un mensaje cuyo id termina
# en -html, conserve las etiquetas (<strong>, <a href=...>, <span ...>) alrededor de las
# palabras que marcan. Las palabras clave (keywords) de una respuesta son otras palabras con las
# que la gente busca en este idioma (no se muestran).
# Una respuesta puede nombrar datos del administrador: { $name }, { $phone }, { $payphone } (la
# línea para pagar por teléfono), { $hours }, { $email } y { $account } (un número de cuenta de
# ejemplo).

## La página de ayuda

help-title = Ayuda
help-results-title = Ayuda: resultados de la búsqueda
help-heading = Ayuda
help-search-label = Buscar en la ayuda
help-search-button = Buscar
help-topics = Temas
help-no-match = Ninguna respuesta coincide con “{ $query }”.
help-no-match-try-html = Pruebe con menos palabras o con otras, vea <a href="/help">todas las respuestas</a> o llámenos al <a href="tel:{ $phone }">{ $phone }</a>.
help-matches =
    { $count ->
        [one] { $count } respuesta coincide con “{ $query }”.
       *[other] { $count } respuestas coinciden con “{ $query }”.
    }
help-see-all = Ver todas las respuestas

## Temas

help-topic-ways-to-pay = Formas de pagar
help-topic-your-loan = Su préstamo
help-topic-trouble-paying = Dificultades para pagar
help-topic-signing-in = Iniciar sesión
help-topic-security = Seguridad
help-topic-contact-us = Contáctenos

## Pagar en línea, una vez

help-pay-online-title = Pagar en línea, una vez
help-pay-online-keywords = pago pagar portal en línea cuenta bancaria tarjeta de débito cuenta de cheques cuenta de ahorros hoy hora límite
help-pay-online-p1 = Inicie sesión en el portal del prestatario, abra su préstamo y elija Hacer un pago: pague desde una cuenta de cheques o de ahorros, o con una tarjeta de débito, guardadas en Perfil, Métodos de pago. Antes de confirmar, usted ve cómo se aplicará el pago, y recibe un número de confirmación. Un pago hecho antes de la hora límite que se indica en la página de pago, en un día hábil, se acredita ese mismo día; si se hace más tarde, o en un fin de semana o día feriado, se acredita el siguiente día hábil. Un pago desde una cuenta bancaria queda pendiente hasta que se envía a su banco a la hora límite de ese día, y puede cancelarlo desde su recibo hasta entonces. Un pago con tarjeta se cobra de inmediato y se acredita de la misma manera. También puede programar un pago desde una cuenta bancaria para una fecha posterior.

## AutoPay

help-autopay-title = AutoPay (pago automático)
help-autopay-keywords = autopago pago automático recurrente cobro débito mensual dos veces al mes quincenal cada dos semanas bisemanal mitad cambiar detener suspender cancelar
help-autopay-p1 = AutoPay debita su pago de su cuenta bancaria o tarjeta de débito. Si es mensual, debita el pago programado, o un monto fijo que usted elija de al menos el pago, en cada fecha de vencimiento o hasta 15 días antes (el día hábil anterior, cuando ese día cae en un fin de semana o día feriado). El último débito es exactamente lo que falta para liquidar el préstamo, y le avisamos con anticipación de cualquier débito que vaya a ser distinto del monto habitual.
help-autopay-p2 = Si su préstamo lo permite, su página de AutoPay también ofrece débitos dos veces al mes (en dos días del mes que usted elija, con al menos 10 días de diferencia) o cada dos semanas (a partir de la fecha del primer débito que usted elija). Cada débito es entonces la mitad de su pago; el último débito antes de cada fecha de vencimiento cubre lo que falte de ese pago, para que se pague a tiempo, y lo que los débitos sumen por encima de sus pagos se aplica al capital, para que el préstamo se liquide antes. El AutoPay que se configura por teléfono es mensual.
help-autopay-p3 = Usted lee y acepta la autorización en el portal, y le enviamos una copia; cada autorización que aceptó queda en Documentos, con sus palabras exactas. Cambie o detenga AutoPay en el portal en cualquier momento antes de que un débito se envíe a su banco.

## Pago de facturas de su banco y por correo

help-pay-by-mail-title = Pago de facturas de su banco y por correo
help-pay-by-mail-keywords = cheque correo apartado postal lockbox dirección pago de facturas banco entrega al día siguiente mensajería giro postal money order
help-pay-by-mail-p1-html = Haga el cheque a nombre de <strong>{ $name }</strong> y escriba en él su <strong>número de cuenta de 16 dígitos</strong>. En el servicio de pago de facturas de su banco, ingrese el mismo número de 16 dígitos como número de cuenta. Envíelo por correo a:
help-pay-by-mail-p2 = Para entrega al día siguiente o por mensajería:
help-pay-by-mail-p3 = Calcule de 5 a 7 días para el correo. Acreditamos un pago el día en que llega a nuestra dirección de pagos.

## Pagar por teléfono

help-pay-by-phone-title = Pagar por teléfono
help-pay-by-phone-keywords = llamar teléfono tarjeta de débito agente representante cuenta bancaria cuenta de cheques
help-pay-by-phone-p1-html = Llame al <a href="tel:{ $payphone }">{ $payphone }</a>, { $hours }, para pagar desde su cuenta bancaria o con una tarjeta de débito. Tenga a mano su número de cuenta, y el número de ruta y el número de su cuenta bancaria, o su tarjeta. Le leemos lo que usted autoriza y le enviamos un aviso por escrito. Nunca le pedimos el PIN de su tarjeta.

## Cuentas bancarias y tarjetas de débito

help-payment-methods-title = Cuentas bancarias y tarjetas de débito
help-payment-methods-keywords = métodos de pago método tarjeta débito agregar añadir eliminar quitar guardar cuenta bancaria número de ruta cuenta de cheques cuenta de ahorros
help-payment-methods-p1 = Con su sesión iniciada, abra Perfil y luego Métodos de pago para agregar una cuenta bancaria (verificamos su número de ruta) o una tarjeta de débito, y para eliminar una que ya no use. Una tarjeta ya guardada no se guarda dos veces. Usted elige entre ellas cuando paga o configura AutoPay; una que paga su AutoPay se puede eliminar cuando ese AutoPay use otra, o esté desactivado. Nunca guardamos el número ni el código de seguridad de una tarjeta, y el número de una cuenta bancaria se guarda cifrado.

## Su número de cuenta

help-account-number-title = Su número de cuenta
help-account-number-keywords = número de préstamo estado de cuenta dígitos dígito de control verificación mal escrito equivocado
help-account-number-p1-html = Su número de cuenta es el número de 16 dígitos impreso en la parte superior de su estado de cuenta, por ejemplo <span class="mono">{ $account }</span>. Su último dígito es un dígito de control: si se escribe mal un dígito, nuestros formularios y nuestro procesamiento de pagos lo detectan, y el pago no se acredita al préstamo de otra persona.

## Mi préstamo pasó a ustedes desde otro administrador. ¿Qué cambia?

help-transferred-title = Mi préstamo pasó a ustedes desde otro administrador. ¿Qué cambia?
help-transferred-keywords = transferencia transferido traspaso administración nuevo administrador cambió vendido autopay restablecer configurar de nuevo fecha de vencimiento
help-transferred-p1-html = Su número de cuenta y su fecha de vencimiento siguen siendo los mismos, al igual que su tasa y su pago. Su AutoPay <strong>no</strong> pasó con el préstamo: debe configurar AutoPay de nuevo con nosotros. Hasta que lo haga, pague en línea, por teléfono o por correo para que ningún pago se atrase. El aviso de la transferencia que le enviamos está en Documentos cuando inicia sesión.

## ¿Cuándo se atrasa un pago?

help-late-title = ¿Cuándo se atrasa un pago?
help-late-keywords = cargo por pago atrasado período de gracia vencido atrasado tarde pago no hecho
help-late-p1 = Un pago vence en su fecha de vencimiento. Si todavía no está pagado en su totalidad cuando termina el período de gracia después de la fecha de vencimiento, se puede cobrar un cargo por pago atrasado, según lo que diga su contrato de préstamo. El período de gracia y el cargo los fija su préstamo: con su sesión iniciada, abra su préstamo y lea las reglas de su préstamo (para la mayoría de los préstamos, 10 días). El cargo por pago atrasado se cobra una sola vez por un pago atrasado, nunca otra vez porque un cargo anterior no esté pagado.

## ¿Qué pasa si pago más de lo que vence?

help-extra-title = ¿Qué pasa si pago más de lo que vence?
help-extra-keywords = extra adicional pagar de más capital pago anticipado adelantar saldo a favor crédito fondos no aplicados reembolso
help-extra-p1 = Un pago cubre primero lo vencido y los cargos. Cuando paga más de lo que vence, la página de pago le pregunta adónde va lo extra: al capital (reduce lo que debe y los intereses, y su próximo pago sigue venciendo) o a su próximo pago. Las reglas de su préstamo, en la página de su préstamo, indican cuál se elige a menos que usted elija otra cosa. Para ver qué pasa si paga de más, use ¿Y si pago de más? en la página de su préstamo.
help-extra-p2-html = Si recibimos más de todo lo que debe su préstamo, el resto es un saldo a favor (fondos no aplicados): aparece con su préstamo y lo guardamos para usted. Para que se lo reembolsemos, llame al <a href="tel:{ $phone }">{ $phone }</a>.

## ¿Cómo obtengo el monto de liquidación?

help-payoff-title = ¿Cómo obtengo el monto de liquidación?
help-payoff-keywords = liquidar liquidación saldar cerrar préstamo pagar todo cotización interés diario carta válida hasta
help-payoff-p1-html = Con su sesión iniciada, abra su préstamo: <strong>Monto de liquidación</strong> muestra lo que liquida el préstamo hoy, desglosado (capital, intereses y cada tipo de cargo), con los intereses que se suman cada día después y lo que supone esa cifra. Elija otra fecha para ver la liquidación en esa fecha; una fecha que ya pasó, o una posterior al vencimiento de su último pago, se muestra para la fecha que podemos cotizar, y la página indica cuál. <strong>Descargar una carta de liquidación (PDF)</strong> da la misma cifra en una carta válida hasta esa fecha (hasta 90 días en el futuro), con cómo pagarla; la carta también queda en Documentos. Para pagarla, elija Hacer un pago y Liquidar el préstamo. Cuando el préstamo se liquida, su carta de pagado en su totalidad está en la página del préstamo y en Documentos.
help-payoff-p2-html = Una liquidación es válida hasta la fecha que indica; después de esa fecha, los intereses se acumulan diariamente. ¿Preguntas? Llame al <a href="tel:{ $phone }">{ $phone }</a>.

## No puedo hacer un pago. ¿Qué puedo hacer?

help-hardship-title = No puedo hacer un pago. ¿Qué puedo hacer?
help-hardship-keywords = dificultad económica dificultades problemas para pagar no me alcanza atrasado pérdida de empleo desempleo ingresos enfermedad gastos médicos aplazamiento aplazar saltar omitir indulgencia cambio de fecha de vencimiento plan de pagos ayuda
help-hardship-p1-html = Avísenos lo antes posible, si es posible antes de que deje de hacer un pago. Con su sesión iniciada, elija <strong>¿No puede hacer un pago? Vea sus opciones</strong> (hay un enlace en el aviso de pago atrasado de su préstamo, o vaya a /hardship): la página explica lo que ofrecemos y nos envía su solicitud como mensaje seguro, con su préstamo indicado. O llame al <a href="tel:{ $phone }">{ $phone }</a>, { $hours }. Lo que podemos ofrecer:
help-hardship-p2 = Pedirlo no cambia nada en su cuenta por sí solo: sus pagos siguen venciendo y AutoPay sigue cobrando hasta que acordemos un cambio con usted, y confirmamos cualquier cambio por escrito. A un pago atrasado todavía se le puede cobrar un cargo por pago atrasado y se puede reportar como atrasado. Pregúntenos cómo se reportaría una opción a las agencias de crédito antes de aceptarla.

## ¿Cómo disputo un pago o un cargo?

help-dispute-title = ¿Cómo disputo un pago o un cargo?
help-dispute-keywords = disputa disputar reclamo reclamación error equivocación incorrecto cargo cobro pago faltante no acreditado no autorizado aviso de error queja solicitud por escrito
help-dispute-p1-html = Si cree que cometimos un error (un pago no acreditado, acreditado al préstamo equivocado o en la fecha equivocada, un cargo que no se le debió cobrar, un saldo incorrecto), llámenos al <a href="tel:{ $phone }">{ $phone }</a> o envíe un mensaje seguro: muchos errores se corrigen en el momento. Si se tomó un pago que usted no autorizó, llámenos de inmediato.
help-dispute-p2-html = Para disputar por escrito, envíe una carta a esta dirección, <strong>no a la dirección de pagos</strong>:
help-dispute-p3 = Incluya su nombre, su número de cuenta, lo que cree que está mal y por qué, y copias (no originales) de cualquier documento que lo muestre, como un estado de cuenta de su banco. Investigamos cada disputa por escrito y le respondemos por escrito con lo que encontramos y, si cometimos un error, cómo lo corregimos. Siga pagando lo que no está en disputa mientras lo investigamos, para que ningún otro pago se atrase.

## Informes de crédito: qué se reporta y cómo disputarlo

help-credit-reporting-title = Informes de crédito: qué se reporta y cómo disputarlo
help-credit-reporting-keywords = crédito informe de crédito reporte buró burós agencias de crédito puntaje equifax experian transunion fcra inexacto atrasado disputa
help-credit-reporting-p1 = Podemos reportar información sobre su cuenta a las agencias de crédito (agencias de informes de los consumidores). Los pagos atrasados, los pagos no hechos u otros incumplimientos en su cuenta pueden reflejarse en su informe de crédito.
help-credit-reporting-p2 = Si cree que algo que reportamos sobre su préstamo es inexacto o está incompleto, puede disputarlo con nosotros: escriba a la dirección de abajo con su nombre, su número de cuenta, lo que está mal y por qué, y una copia de la página de su informe de crédito que lo muestra. Investigamos, le decimos lo que encontramos y, si lo que reportamos estaba mal, lo corregimos con cada agencia de crédito a la que lo reportamos.
help-credit-reporting-p3 = También puede disputarlo con la agencia de crédito cuyo informe lo muestra; la agencia nos pide que lo verifiquemos. Puede obtener sus informes de crédito gratis en annualcreditreport.com.

## Crear su acceso

help-enroll-title = Crear su acceso
help-enroll-keywords = inscribirse inscripción registrarse crear cuenta acceso en línea primera vez código
help-enroll-p1-html = Vaya a <strong>Iniciar sesión y luego Crear su acceso</strong>. Ingrese el número de cuenta de 16 dígitos de su estado de cuenta, los últimos 4 dígitos de su número de Seguro Social, su fecha de nacimiento y su código postal. Enviamos un código al correo electrónico o al número de celular que tenemos registrados; ingréselo y luego elija un nombre de usuario y una contraseña de al menos 12 caracteres. Desde entonces, todos los préstamos que tiene con nosotros aparecen en un solo lugar.

## ¿Por qué me piden un código al iniciar sesión?

help-second-step-title = ¿Por qué me piden un código al iniciar sesión?
help-second-step-keywords = dos factores 2fa verificación en dos pasos segundo paso aplicación de autenticación totp código recuperación recordar dispositivo
help-second-step-p1 = Una contraseña sola se puede adivinar o robar, por eso iniciar sesión requiere un segundo paso: un código que le enviamos por correo electrónico o mensaje de texto, o el código de una aplicación de autenticación en su teléfono (más seguro; configúrela en Perfil, Segundo paso para iniciar sesión). Guarde en un lugar seguro los códigos de recuperación que recibe con la aplicación. En su propia computadora puede marcar “Recordar este dispositivo” por 30 días.

## Olvidé mi nombre de usuario o mi contraseña

help-forgot-title = Olvidé mi nombre de usuario o mi contraseña
help-forgot-keywords = olvidé olvido restablecer recuperar nombre de usuario contraseña bloqueado bloqueo
help-forgot-p1-html = Use <strong>¿Olvidó su nombre de usuario?</strong> o <strong>¿Olvidó su contraseña?</strong> en la página para iniciar sesión: le enviamos por correo electrónico su nombre de usuario, o un enlace para elegir una contraseña nueva, a la dirección que tenemos registrada. Después de varias contraseñas incorrectas seguidas, le enviamos un correo electrónico y pedimos el segundo paso en cada dispositivo; con su propia contraseña y su segundo paso usted sigue pudiendo entrar. ¿Sigue sin poder entrar? Llame al <a href="tel:{ $phone }">{ $phone }</a>.

## Estados de cuenta y sin papel

help-statements-title = Estados de cuenta y sin papel
help-statements-keywords = estado de cuenta estados de cuenta mensual sin papel electrónico firma electrónica papel correo pdf cupón saldo anterior
help-statements-p1 = Antes de que venza cada pago, emitimos un estado de cuenta para ese pago: el monto que vence y su fecha de vencimiento y, a la fecha del estado de cuenta, su saldo anterior, los pagos, intereses y cargos desde entonces, y su nuevo saldo. Cada estado de cuenta está en la página de su préstamo y en Documentos, como página y como PDF con el cupón de pago. A menos que elija sin papel, también se lo enviamos por correo a la dirección postal de su Perfil.
help-statements-p2-html = En Perfil, Estados de cuenta sin papel, puede elegir recibirlos solo en línea: le enviamos un correo electrónico cuando cada uno esté listo. Puede volver al papel en cualquier momento, sin costo, y pedir una copia en papel de cualquier estado de cuenta llamando al <a href="tel:{ $phone }">{ $phone }</a>.

## Sus documentos, en un solo lugar

help-documents-title = Sus documentos, en un solo lugar
help-documents-keywords = documentos pdf estados de cuenta divulgación declaración veracidad en los préstamos truth in lending tila autorización aviso transferencia carta de liquidación pagado en su totalidad imprimir descargar lector de pantalla
help-documents-p1-html = Todos los documentos de sus préstamos están en <strong>Documentos</strong> una vez que inicia sesión, los más recientes primero: sus estados de cuenta mensuales, su declaración de la Ley de Veracidad en los Préstamos (Truth in Lending), cada autorización de AutoPay que aceptó (con sus palabras exactas, incluso después de que terminó), el aviso que le enviamos cuando su préstamo pasó a nosotros desde otro administrador, una carta de liquidación preparada para la fecha que usted elija y, cuando un préstamo se liquida, su carta de pagado en su totalidad. Si tiene más de un préstamo, puede mostrar los documentos de un solo préstamo. Cada uno se abre como página y como PDF para guardar o imprimir; los PDF se pueden leer con un lector de pantalla. Para una copia en papel, llame al <a href="tel:{ $phone }">{ $phone }</a>.

## Historial de pagos e intereses pagados

help-history-title = Historial de pagos e intereses pagados
help-history-keywords = historial descargar csv pdf intereses pagados resumen de fin de año impuestos 1098 actividad movimientos
help-history-p1 = La página de su préstamo muestra cada pago y cómo se aplicó a cargos, intereses y capital. En Movimientos, descargue el historial de pagos como hoja de cálculo (CSV) o como PDF, y abra el resumen de fin de año de los intereses que pagó cada año.

## ¿Puedo cambiar mi fecha de vencimiento?

help-due-date-title = ¿Puedo cambiar mi fecha de vencimiento?
help-due-date-keywords = fecha de vencimiento cambiar mover día de pago día de cobro sueldo día del mes
help-due-date-p1 = Con su sesión iniciada, abra su préstamo y elija Cambiar su fecha de vencimiento, en Próximos pagos. La página indica qué días permite su préstamo, con qué frecuencia puede cambiarla y cuánto puede moverse su próximo pago, y le muestra su nuevo calendario de pagos y el efecto del cambio en sus intereses antes de que confirme. No se puede cambiar la fecha de vencimiento mientras haya un pago atrasado. Si AutoPay está activado, cobra sus pagos en las nuevas fechas. Si la fecha de vencimiento de su préstamo no se puede cambiar en línea, la página lo indica y le dice cómo comunicarse con nosotros.

## Cambie su correo electrónico, teléfono o dirección postal

help-contact-details-title = Cambie su correo electrónico, teléfono o dirección postal
help-contact-details-keywords = dirección postal domicilio calle ciudad estado código postal zip mudanza me mudé correo electrónico teléfono celular móvil datos de contacto actualizar perfil
help-contact-details-p1 = Con su sesión iniciada, abra Perfil y elija Cambiar los datos de contacto; por su seguridad, primero le pedimos de nuevo su contraseña. Ingrese su correo electrónico, un número de celular si quiere recibir mensajes de texto, y su dirección postal por partes: la calle, un apartamento o unidad si lo hay, la ciudad, el estado (elegido de una lista que incluye el Distrito de Columbia, los territorios de EE. UU. y las direcciones militares: AA, AE o AP) y el código postal (5 dígitos, o ZIP+4). Si algo está mal, el formulario indica todos los problemas a la vez, cada uno junto a su campo, y no guarda nada. Desde entonces, los estados de cuenta y las cartas se envían a la nueva dirección, y le avisamos del cambio a su correo electrónico anterior. Si no pudimos leer la dirección que teníamos de usted, Perfil le pide que la confirme.

## Alertas y recordatorios

help-alerts-title = Alertas y recordatorios
help-alerts-keywords = alertas recordatorios avisos notificaciones correo electrónico mensaje de texto sms centro de mensajes detener cancelar suscripción devuelto
help-alerts-p1 = En Perfil, Alertas y recordatorios, elija para cada alerta si le enviamos un correo electrónico, un mensaje de texto o le escribimos en su centro de mensajes. Los mensajes de texto requieren su consentimiento, y puede responder STOP a cualquier mensaje de texto. Hay dos tipos que se envían siempre: las alertas de seguridad, por correo electrónico, y un pago devuelto por su banco, por correo electrónico y a su centro de mensajes, porque deja el pago sin pagar y puede generar un cargo.

## ¿Alguna vez me pedirán mi contraseña?

help-security-title = ¿Alguna vez me pedirán mi contraseña?
help-security-keywords = fraude estafa phishing suplantación de identidad contraseña código pin
help-security-p1 = No. Nunca le pedimos su contraseña, un código de un solo uso ni el PIN de su tarjeta por teléfono, correo electrónico o mensaje de texto.

## Contáctenos

help-contact-title = Contáctenos
help-contact-keywords = teléfono llamar correo electrónico horario servicio al cliente ayuda contacto
help-contact-p1-html = Llame a servicio al cliente al <a href="tel:{ $phone }">{ $phone }</a>, { $hours }. Escriba a <a href="mailto:{ $email }">{ $email }</a> (nunca envíe por correo electrónico su número de cuenta completo, su número de Seguro Social ni el número de su tarjeta).

## Envíenos un mensaje seguro

help-messages-title = Envíenos un mensaje seguro
help-messages-keywords = mensaje seguro escribir pregunta bandeja de entrada centro de mensajes
help-messages-p1 = Con su sesión iniciada, abra Mensajes y elija Escríbanos. Los mensajes seguros se quedan dentro del portal; le respondemos allí en un plazo de 2 días hábiles. Las alertas que eligió recibir en el centro de mensajes también aparecen allí.

## La página de inicio

landing-title = Su préstamo, en un solo lugar
landing-lead = { $name } administra préstamos a plazos en nombre de su prestamista. Aquí puede ver todos los préstamos que tiene con nosotros, hacer un pago, configurar AutoPay (pago automático) y elegir cómo le enviamos recordatorios.
landing-new-heading = ¿Su préstamo es nuevo con nosotros?
landing-new-body-html = Si su préstamo pasó recientemente a { $name } desde otro administrador, <strong>su número de cuenta y su fecha de vencimiento siguen siendo los mismos</strong>. Su AutoPay no pasó con el préstamo: debe configurar AutoPay de nuevo con nosotros para que no se pierda ningún pago.
landing-pay-heading = Formas de pagar
landing-online-heading = En línea
landing-online-body = Haga un pago único desde una cuenta bancaria o tarjeta de débito en el portal del prestatario.
landing-autopay-heading = AutoPay
landing-autopay-body = Haga que cada pago se cobre de su cuenta bancaria o tarjeta de débito en su fecha de vencimiento, o hasta 15 días antes.
landing-mail-heading = Por correo o pago de facturas de su banco
landing-mail-body = Envíe un cheque a nuestra dirección de pagos con su número de cuenta de 16 dígitos.
landing-phone-heading = Por teléfono
landing-phone-body-html = Llame al <a href="tel:{ $phone }">{ $phone }</a> para pagar desde su cuenta bancaria o con una tarjeta de débito.
landing-every-way = Todas las formas de pagar, con nuestras direcciones de pago
