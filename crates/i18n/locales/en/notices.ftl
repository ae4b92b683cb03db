# The notices Servicer sends borrowers: emails, texts and message-center messages.
# Each email body is built from these sentences and paragraphs; the code joins paragraphs
# with blank lines. Names, phone numbers, addresses and links are filled in.

## How every alert is framed on its channel

notice-unsubscribe = To stop these emails: { $link }
notice-always-sent = We send this alert whatever your alert choices. A payment returned by your bank, or taken off your loan, leaves the payment unpaid and may bring a fee, so we always tell you by email and in your message center. You can add texts.
notice-text = { $servicer }: { $subject }. Reply STOP to stop texts.
