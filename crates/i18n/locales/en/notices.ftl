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

## A payment received, scheduled, cancelled or returned

notice-applied = Applied: { $principal } to principal, { $interest } to interest, { $fees } to fees.
notice-expected-split = Expected split: { $principal } to principal, { $interest } to interest, { $fees } to fees.
notice-confirmation-number = Confirmation number: { $confirmation }.
notice-unapplied = { $amount } was more than the loan's balance: we hold it as a credit on your account. Call us to have it refunded.
notice-questions-call = Questions? Call { $phone }.
notice-received-subject = Payment of { $amount } received
notice-received = We received your payment of { $amount } on your loan ending in { $last4 }, credited { $date }.
notice-received-paid-off = This payment paid your loan in full. Thank you.
notice-scheduled-subject = Payment of { $amount } scheduled for { $date }
notice-scheduled = Your payment of { $amount } on your loan ending in { $last4 } is scheduled from { $method } and will be credited { $date }.
notice-scheduled-cancel = You can cancel it in the portal until it is sent to your bank at the cutoff on { $date }.
notice-cancelled-subject = Payment of { $amount } for { $date } cancelled
notice-cancelled = You cancelled your payment of { $amount } on your loan ending in { $last4 }, which was scheduled for { $date } (confirmation number { $confirmation }). It will not be sent to your bank and nothing will be taken for it.
notice-cancelled-still-due = If a payment is still due, make it in the portal before its due date.
notice-returned-subject = Your payment of { $amount } was returned
notice-returned = Your bank returned your payment of { $amount } (confirmation { $confirmation }) on your loan ending in { $last4 }: { $why } ({ $code }). The payment has been taken off your loan.
notice-returned-fee = A returned-payment fee applies as your loan agreement allows.
notice-returned-retry = We will try the payment once more on { $date }.
notice-returned-autopay-not-authorized = Your AutoPay has stopped: your bank reports it was not authorized. To pay by AutoPay again, set it up anew in the portal.
notice-returned-autopay-account = Your AutoPay from this account has stopped. Add another account and set up AutoPay again in the portal.

# Why the bank returned a payment, in plain words (after "Your bank returned your payment …:").
notice-return-r01 = insufficient funds
notice-return-r02 = the account is closed
notice-return-r03 = no account, or the account number does not match the name
notice-return-r04 = the account number is not valid
notice-return-not-authorized = your bank reports the debit was not authorized
notice-return-r08 = a stop payment was placed on it
notice-return-r09 = the funds were not yet available
notice-return-r16 = the account is frozen
notice-return-r20 = the account does not allow debits
notice-return-other = your bank returned it

## A scheduled payment that will apply differently than its review said

notice-promise-subject = Your payment of { $amount } on { $date } will apply differently
# The whole sentence: { $will }, { $because } and { $after } are the messages below.
notice-promise-words = Your payment of { $amount } on { $date } { $will }, because { $because }. { $after }
notice-promise-will-also-pay = will now also pay { $amount } toward your payment due { $due }
notice-promise-will-pay-not = will now pay { $amount } toward your payment due { $due }, not the { $said } we told you
notice-promise-will-pay-instead = will now pay { $amount } toward your payment due { $due } instead of your payment due { $said }
notice-promise-no-longer = will no longer pay toward your payment due { $due }
notice-promise-differently = will be applied differently than we told you
notice-promise-after = After it, your next payment is { $amount } due { $due }.
notice-promise-after-nothing = After it, nothing more is due on this loan.
notice-because-loan-closed = your loan will already be paid in full by then
notice-because-earlier-unpaid = { $unpaid } of your payments already due will still be unpaid then, and it pays that first
notice-because-already-paid = your payment due { $due } will already be paid by then
notice-because-due-dates-changed = your due dates have changed since you scheduled it
notice-because-next-unpaid = { $due } is the next due date after { $date } and { $unpaid } of that payment will still be unpaid then
notice-because-loan-changed = your loan has changed since you scheduled it
notice-promise-said-still-due = none of it would count toward a payment not yet due, so your next payment would still be due in full
notice-promise-said-counts = { $amount } of it would count toward your payment due { $due }
notice-promise-told = When you scheduled this payment on your loan ending in { $last4 } (confirmation number { $confirmation }), we told you { $said }. Your loan has changed since then, so that is no longer what will happen.
notice-promise-cancel = If you do not want the payment to go ahead as it now will, cancel it in the portal before it is sent to your bank at the cutoff on { $date }, and make the payment you want instead. If you do nothing, it will be credited on { $date } as described above.

## AutoPay: the copy of an authorization, turned off, ended, a draft that differs

notice-autopay-copy-subject = Your AutoPay authorization for the loan ending in { $last4 }
notice-autopay-copy = This is your copy of the AutoPay authorization you gave on { $date } from { $ip }.
notice-autopay-copy-version = Version { $version }. Keep this message for your records.
notice-autopay-off-subject = AutoPay is off for the loan ending in { $last4 }
notice-autopay-off = You turned off AutoPay for the loan ending in { $last4 } on { $date }.
notice-autopay-off-from = No payment will be drafted on { $date } or after.
notice-autopay-off-no-more = No further payment will be drafted.
notice-autopay-off-yours = Your payments are now yours to make: pay in the portal or call { $phone } before each due date.
notice-autopay-off-again = To turn AutoPay on again, set it up in the portal.
notice-autopay-ended-subject = Your loan is paid off: AutoPay has ended
notice-autopay-ended = The loan ending in { $last4 } is paid in full, so AutoPay will not draft again and has ended. Its authorization is kept with your records.
notice-autopay-ended-questions = Questions: call { $phone }.
notice-draft-differs-subject = Your AutoPay on { $date } will be { $amount }
notice-no-draft-subject = No AutoPay draft on { $date }
notice-draft-differs = Your AutoPay for the loan ending in { $last4 } will draft { $amount } on { $date }, not the usual { $usual }.
notice-draft-differs-payoff = This is what remains to pay the loan off.
notice-draft-differs-last = It is the last draft before the payment due { $due }, and covers what is left of that payment.
notice-draft-differs-half = The payment due { $due } is { $payment }, and each draft toward it is half of it.
notice-no-draft-paid-off = The loan ending in { $last4 } will be paid off by the payment you scheduled, so AutoPay will not draft on { $date }; it ends once the loan is paid off.
notice-no-draft-already-paid = The payment due { $due } on the loan ending in { $last4 } is already paid: AutoPay will not draft for it.

## The written confirmations of what a borrower authorized by phone
# The words read to the borrower on the call are quoted as they were read.

notice-phone-method-checking = checking account ending in { $last4 }
notice-phone-method-savings = savings account ending in { $last4 }
notice-phone-method-account = { $type } account ending in { $last4 }
notice-phone-method-card = { $brand } debit card ending in { $last4 }
notice-phone-words-read = These are the words read to you, which you agreed to:
notice-phone-not-agreed = If this is not what you agreed to, call us at once at { $phone } ({ $hours }).
notice-phone-keep = Keep this message for your records.
notice-phone-payment-subject = Your payment of { $amount } by phone on the loan ending in { $last4 }
notice-phone-payment = This confirms the payment you authorized by phone: { $amount } on your loan ending in { $last4 }, confirmation number { $confirmation }.
notice-phone-card-when = It is charged to your { $method } now and credited { $date }. If your card issuer declines the charge, nothing is paid: call us to pay another way.
notice-phone-bank-when = It will be debited from your { $method } on or after { $date }. To cancel it, call us before { $date }.
notice-phone-autopay-subject = Your AutoPay authorization by phone for the loan ending in { $last4 }
notice-phone-autopay = This is your copy of the AutoPay authorization you gave by phone.
notice-phone-autopay-changed-subject = Your AutoPay changed by phone for the loan ending in { $last4 }
notice-phone-autopay-changed = This is your copy of the AutoPay authorization you gave by phone, which replaces the one you had.
notice-phone-autopay-off-subject = AutoPay turned off by phone for the loan ending in { $last4 }
notice-phone-autopay-off = This confirms that AutoPay was turned off at your request by phone. Your payments are still due.
notice-phone-not-sent-subject = Your payment of { $amount } by phone was not made
notice-phone-not-sent = We did not send your payment of { $amount } on your loan ending in { $last4 } (confirmation number { $confirmation }, for { $date }) to your bank, and it has been cancelled. We debit your account only after we have sent you the written confirmation of what you authorized by phone, and we could not get it to you. Nothing was taken from your account.
notice-phone-not-sent-still-due = The payment is still due: call us at { $phone } ({ $hours }) to pay another way, or pay in the portal. Please check with us that we have your right email address.

## Sign-in: one-time codes, security alerts, username reminder, password reset, lockout

notice-code-subject = Your { $servicer } code: { $code }
notice-code-text = { $servicer }: your code is { $code }. It expires in 10 minutes. Never share it: we will never ask for it.
notice-code-is = Your { $servicer } code is { $code }
notice-code-enter = Enter it to { $what }. It works once and expires in 10 minutes.
notice-code-for-enroll = finish setting up your sign-in
notice-code-for-link = add a loan to your sign-in
notice-code-for-sign-in = sign in
notice-code-never-ask = We will never call or write to ask for this code. If you did not ask for it, someone may know your details: call us at { $phone }.
notice-security-subject = Security alert: { $what }
notice-security-letting-you-know = We are letting you know that { $what } on your { $servicer } account.
notice-security-if-not-you = If you did this, there is nothing more to do. If you did not, call us now at { $phone } ({ $hours }).
# What a security alert names as changed (inside "Security alert: …" and "We are letting you know that …").
notice-changed-authenticator = an authenticator app was set up for signing in
notice-changed-second-step = your second sign-in step was changed
notice-changed-password = your password was changed
notice-changed-contact = your contact details were changed
notice-changed-sign-in-set-up = a sign-in was set up
notice-changed-password-reset = your password was reset
notice-changed-unlocked = your sign-in was unlocked by our staff
notice-changed-devices-forgotten = the devices remembered for your sign-in were forgotten by our staff
notice-changed-bank-account = a bank account ending { $last4 } was added
notice-changed-card = a { $brand } card ending { $last4 } was added
notice-username-subject = Your { $servicer } username
notice-username-is = You asked for your username. It is: { $username }
notice-sign-in-at = Sign in at { $link }
notice-username-ignore = If you did not ask, you can ignore this message; your account has not changed.
notice-reset-subject = Reset your { $servicer } password
notice-reset-asked = Someone asked to reset the password of your { $servicer } sign-in. To choose a new password, open this link within 30 minutes. It works once:
notice-reset-second-step = You will still need your second step (your authenticator app or a code we send) to sign in.
notice-reset-ignore = If you did not ask, ignore this message: your password has not changed.
notice-lockout-subject = Your { $servicer } sign-in is locked
notice-lockout = Wrong passwords or codes were entered for your sign-in { $times } times in a row, so we locked it. To unlock it, reset your password at { $link } (the link goes to this address).
notice-lockout-not-you = If it was not you, your password and second step kept them out. Call us at { $phone } if you would like to talk it through.
notice-failed-subject = Wrong passwords were entered for your { $servicer } sign-in
notice-failed = Someone entered the wrong password or code for your sign-in { $times } times in a row. Your sign-in still works: your password and the second step get you in, and until you do we ask for the second step on remembered devices too. If it was you, there is nothing more to do.
notice-failed-not-you = If it was not you, they did not get in. To be safe, change your password at { $link }, or call us at { $phone }.
notice-already-enrolled-subject = Someone tried to set up a { $servicer } sign-in for you
notice-already-enrolled = Someone entered your account number and identity details to set up a sign-in, but you already have one. Your username is: { $username }
notice-already-enrolled-what-to-do = Sign in at { $login }, or reset your password at { $forgot }. If it was not you, call us at { $phone }: they knew your details.

## Staff's actions on a payment: reversed, moved off a loan, onto a loan, between loans

notice-reversed-unpaid-subject = Your payment of { $amount } was returned unpaid
notice-reversed-unpaid = Your payment of { $amount } (confirmation { $confirmation }, credited { $date }) on your loan ending in { $last4 } came back unpaid, so the money never reached us. On { $on } we took it off your loan: your balance is what it would be had the payment not been made, and the payments after it are applied without it.
notice-reversed-removed-subject = A payment of { $amount } was removed from your loan
notice-reversed-removed = On { $on } we removed a payment of { $amount } (confirmation { $confirmation }, credited { $date }) that we had posted to your loan ending in { $last4 } by mistake: { $why }. Your balance is what it would be had it not been posted, and the payments after it are applied without it. If the money was yours, we will apply it where it belongs or return it to you.
notice-reversal-returned-unpaid = the payment was returned unpaid
notice-reversal-posted-in-error = the payment was posted in error
notice-reversal-duplicate = the payment was posted twice
notice-reversed-fee = A returned-payment fee of { $fee } applies, as your loan agreement allows.
notice-moved-off-subject = A payment of { $amount } was moved off your loan
notice-moved-off = A payment of { $amount } (confirmation { $confirmation }, credited { $date }) was applied to your loan ending in { $last4 } by mistake: it was meant for another loan. On { $on } we took it off your loan and applied it where it belongs. The payments after it on your loan are applied as if it had not been made.
notice-moved-on-subject = Payment of { $amount } applied to your loan
notice-moved-on = A payment of { $amount } for your loan ending in { $last4 } had been applied to another loan by mistake. It is now applied to your loan, credited { $date } as it was received.
notice-moved-between-subject = Your payment of { $amount } was moved to your loan ending in { $last4 }
notice-moved-between = Your payment of { $amount } (confirmation { $confirmation }, credited { $date }) was applied to your loan ending in { $from } by mistake. We moved it to your loan ending in { $to }, credited as of the same date. The payments after it on the loan ending in { $from } are applied as if it had not been made.
notice-new-confirmation-number = New confirmation number: { $confirmation }.

## A refund decided

notice-refund-subject = We are refunding { $amount }
notice-refund-sending-bank = We are sending { $amount } back to { $to }.
notice-refund-sending-card = We are refunding { $amount } to { $to }.
notice-refund-sending-check = We are sending you { $amount } by { $to }.
notice-refund-arrives-bank = It should arrive in 1 to 2 business days.
notice-refund-arrives-card = It can take 5 to 10 business days to show on your card statement.
notice-refund-arrives-check = Allow 7 to 10 business days for it to reach you.
notice-refund-held = It is money we held for you as a credit on your loan ending in { $last4 }, and it is no longer on the loan.
notice-refund-reference = Reference: { $reference }.
# Where a refund goes (the { $to } above).
notice-refund-to-check = a check mailed to the address we have on file
notice-refund-to-bank-account = your bank account ending { $last4 }
notice-refund-to-card = your { $brand } card ending { $last4 }
notice-refund-to-debit-card = your debit card ending { $last4 }

## A due date changed
# { $day } is "5th" in English, "5" in Spanish.

notice-due-date-subject = Your due date has changed: loan ending in { $last4 }
notice-due-date-as-asked = As you asked, from { $date } the payments on your loan ending in { $last4 } are due on the { $day } of each month.
notice-due-date-as-agreed = As agreed with you, from { $date } the payments on your loan ending in { $last4 } are due on the { $day } of each month.
notice-due-date-moved = The payment that was due on { $old } is now due on { $new }.
notice-due-date-next-owed = The next payment you owe is due on { $date }.
notice-due-date-autopay = AutoPay is on: it drafts each payment on the new dates, and its next draft is on { $date }.
notice-due-date-interest = Moving the due date means { $interest }, if every payment is made on its due date.
notice-due-date-interest-more = about { $amount } more interest over the life of the loan
notice-due-date-interest-less = about { $amount } less interest over the life of the loan
notice-due-date-interest-same = no change to the interest over the life of the loan
notice-due-date-reference = Reference: { $reference }. Questions? Call { $phone }, { $hours }.
