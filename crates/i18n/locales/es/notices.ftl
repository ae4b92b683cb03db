# Los avisos que Servicer envía a los prestatarios: correos electrónicos, mensajes de texto y
# mensajes del centro de mensajes. El código une los párrafos con una línea en blanco.

## Cómo se presenta cada alerta en su canal

notice-unsubscribe = Para dejar de recibir estos correos electrónicos: { $link }
notice-always-sent = Le enviamos esta alerta sin importar sus preferencias de alertas. Un pago devuelto por su banco, o retirado de su préstamo, queda sin pagar y puede generar un cargo, por eso siempre le avisamos por correo electrónico y en su centro de mensajes. Puede agregar mensajes de texto.
notice-text = { $servicer }: { $subject }. Responda STOP para no recibir más mensajes.
