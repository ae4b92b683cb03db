# The notices Servicer sends borrowers: emails, texts and message-center messages.
# Each email body is built from these sentences and paragraphs; the code joins paragraphs
# with blank lines. Names, phone numbers, addresses and links are filled in.

## How every alert is framed on its channel

notice-unsubscribe = To stop these emails: { $link }
notice-always-sent = We send this alert whatever your alert choices. A payment returned by your bank, or taken off your loan, leaves the payment unpaid and may bring a fee, so we always tell you by email and in your message center. You can add texts.
notice-text = { $servicer }: { $subject }. Reply STOP to stop texts.

## A secure message answered

notice-secure-message-subject = You have a new secure message
notice-secure-message-answered = { $servicer } answered your secure message.
notice-secure-message-read = To read the answer, sign in and open your messages: { $link }
notice-secure-message-privacy = For your privacy the answer is only in the portal, never in an email or a text.

## The notice of servicing transfer

notice-transfer-subject = Your loan ending in { $last4 } is now serviced by { $servicer }
notice-transfer-dear = Dear { $name },
notice-transfer-moved = The servicing of your loan ending in { $last4 } moved to { $servicer } on { $date }.
notice-transfer-same = What stays the same: your account number, your due date (day { $day } of each month), your interest rate and your payment of { $payment }. Your next payment is due on { $next }.
notice-transfer-autopay = What you must do: you paid by AutoPay with your previous servicer. AutoPay does not move with the loan. Set up AutoPay again with us so that no payment is missed; until then, pay online, by phone or by mail.
notice-transfer-ways = Ways to pay: online in the borrower portal; by phone with a debit card at { $phone }; or by check or bank bill pay to { $lockbox }, with your 16-digit account number.
notice-transfer-questions = Questions? Call { $phone }, { $hours }.

## A statement ready

notice-statement-subject = Your statement is ready
notice-statement-ready = The statement of { $date } for the loan ending in { $last4 } is ready in the portal: { $amount } due { $due }.
notice-statement-sign-in = Sign in at { $website } to see it.
