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

## The notices of a loan's cycle: late fee, past due, AutoPay reminder, payment due

notice-pay-or-call = Pay in the portal, or call { $phone }.
notice-late-fee-subject = A late fee of { $amount } was charged
notice-late-fee-charged = We have not received the full payment due on the loan ending in { $last4 }, so a late fee of { $amount } was charged on { $date }. The amount due now is { $due }.
notice-past-due-subject = Your payment is past due
notice-past-due = The payment of { $amount } due { $due } on the loan ending in { $last4 } has not been paid in full. The amount due now is { $now }.
notice-past-due-fee-ahead = A late fee of { $fee } will be charged if it is not paid by { $date }.
notice-autopay-draft-subject = AutoPay will draft { $amount } on { $date }
notice-autopay-draft = AutoPay will draft { $amount } on { $date } for the payment due { $due } on the loan ending in { $last4 }.
notice-autopay-change = To change or turn off AutoPay, sign in to the portal or call { $phone }.
notice-payment-due-subject = Payment of { $amount } due { $due }
notice-payment-due = Your payment of { $amount } on the loan ending in { $last4 } is due { $due }.
notice-payment-due-how = Pay in the portal, set up AutoPay, or call { $phone }.
