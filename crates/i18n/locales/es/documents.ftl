# El centro de documentos, las cartas y el estado de cuenta, como páginas y PDF.

document-refused = No existe ese documento para este préstamo
letter-refused = No hay carta para este préstamo
letter-date-unreadable = Escriba la fecha de liquidación como una fecha, por ejemplo 15 de diciembre de 2026
