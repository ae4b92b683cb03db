# Paying a loan in the portal: the pay form, the review before confirming, the receipt, the
# payoff quote on the loan page, and why a payment was refused. Values in { $braces } are
# filled in by Servicer; keep them.

## The pay form

pay-title = Make a payment: loan ending { $last4 }
pay-back = Back to the loan ending { $last4 }
pay-heading = Make a payment
pay-amount-due-html = Loan ending { $last4 }. Amount due: <strong>{ $amount }</strong>.
pay-amount-due-past-html = Loan ending { $last4 }. Amount due: <strong>{ $amount }</strong>, of which { $past } is past due.
pay-first-add = First add a way to pay:
pay-first-add-bank = a bank account
pay-or = or
pay-first-add-card = a debit card
pay-from = Pay from
pay-card-ending = card ending { $last4 }
pay-account-ending = account ending { $last4 }
pay-add-bank = Add a bank account
pay-add-card = Add a debit card
pay-how-much = How much
pay-choice-due = Amount due ({ $amount })
pay-choice-past-due = Past-due amount only ({ $amount })
pay-choice-payoff = Pay off the loan
pay-choice-other = Another amount
pay-other-amount = Other amount, in dollars
pay-other-amount-hint = For example, 150.00
pay-when = When
pay-when-today = Today (payments made after the { $cutoff } cutoff, or on a weekend or holiday, are credited the next business day)
pay-when-later = On a later date (bank accounts only)
pay-date = Date
pay-extra-legend = If you pay more than is due, put the extra toward
pay-extra-principal = Principal: it lowers what you owe and the interest; your next payment is still due (the review shows it)
pay-extra-next = My next payment: it counts toward the next due date
pay-review-button = Review payment
pay-what-if = What if I pay extra? See when your loan would be paid off and the interest you would save
pay-form-reused = This form was already used for another payment. Check the details and send it again

## A payment method, as the pages name it

pay-method-card = { $brand } card ending { $last4 }
pay-method-debit-card = Debit card ending { $last4 }
pay-method-bank = { $nickname } (account ending { $last4 })
pay-method-removed = A removed payment method
pay-method-check-by-mail = Check by mail
pay-method-bill-pay = Your bank's bill pay
pay-method-customer-service = Paid through customer service

## The review before confirming

pay-review-heading = Review your payment
pay-review-loan = Loan
pay-review-ending = Ending { $last4 }
pay-review-amount = Amount
pay-review-from = From
pay-review-credited-as-of = Credited as of
pay-review-moved = It is past today's cutoff, or the date is not a business day: the payment is credited on { $date }.
pay-review-how-applied = How it will be applied
pay-review-balance-after-html = Balance after this payment: <strong>{ $balance }</strong>.
pay-review-extra-to-next = Anything beyond the amount due counts toward your next payment.
pay-review-counts-ahead = { $amount } of this payment counts toward your payment due { $due }: it is the next payment to fall due after { $date }, the date this one is credited.
pay-review-next-still-due = Your next payment is still due: { $amount } on { $due }.
pay-review-next-after = Your next payment after this one: { $amount } on { $due }.
pay-review-card-charged = Your card is charged when you confirm.
pay-review-cancel-until = You can cancel this payment until it is sent to your bank at the cutoff on { $date }.
pay-review-pay = Pay { $amount }
pay-review-change = Change the payment

## The receipt

receipt-title = Payment { $confirmation }
receipt-back = Back to your loans
receipt-declined-title = Your card payment was declined
receipt-declined-nothing = Nothing was charged to your card and nothing was credited to your loan.
receipt-declined-reason = Reason: { $reason }.
receipt-declined-try-again-html = To pay, <a href="/loans/{ $account }/pay">try again with another card or a bank account</a>, or call us.
receipt-thanks = Thank you: your payment is { $status }
receipt-confirmation-html = Confirmation number <strong>{ $confirmation }</strong>. We also send it to you by the alerts you have on.
receipt-cancelled-title = Your payment is cancelled
receipt-cancelled-body = Nothing will be taken from your account for it. We have sent you a notice that it is cancelled.
receipt-status = Status
receipt-loan = Loan
receipt-ending = Ending { $last4 }
receipt-amount = Amount
receipt-from = From
receipt-declined-nothing-charged = Declined: nothing was charged. { $reason }
receipt-how-will-apply = How it will be applied
receipt-how-applied = How it was applied
receipt-promise-changed-title = Not as we told you when you scheduled it
receipt-promise-cancel = If you do not want it to go ahead, cancel it below before the cutoff on { $date }.
receipt-cancel-button = Cancel this payment
receipt-cancel-until = You can cancel until the payment is sent to your bank at the cutoff on { $date }.
receipt-cancel-too-late-heading = This payment can no longer be cancelled
receipt-cancel-too-late-help = If you need the money back, call us: we can help.
receipt-back-to-payment = Back to the payment

# A payment's status.
receipt-status-processing = Processing
receipt-status-pending = Pending
receipt-status-posted = Posted
receipt-status-cancelled = Cancelled
receipt-status-declined = Declined
receipt-status-moved = Moved to another loan
receipt-status-reversed = Reversed
receipt-status-returned = Returned by your bank

# What the payment's date is.
receipt-date-to-be-credited = To be credited on
receipt-date-credited = Credited on
receipt-date-was-scheduled = Was scheduled for

# A payment taken off the loan: who took it off, when, and why.
receipt-returned-moved = We moved this payment off this loan
receipt-returned-reversed = We reversed this payment
receipt-returned-bank = Your bank returned this payment
receipt-returned-on = { $who } on { $date }
receipt-returned-why = { $who }: { $why }. It has been taken off your loan.
receipt-why-moved = the payment was moved to the loan it was meant for
receipt-why-returned-unpaid = the payment was returned unpaid
receipt-why-posted-in-error = the payment was posted in error
receipt-why-duplicate = the payment was posted twice
# A bank's return, then its code: "insufficient funds (R01)".
receipt-why-bank-code = { $why } ({ $code })
receipt-why-r01 = insufficient funds
receipt-why-r02 = the account is closed
receipt-why-r03 = no account, or the account number does not match the name
receipt-why-r04 = the account number is not valid
receipt-why-unauthorized = your bank reports the debit was not authorized
receipt-why-r08 = a stop payment was placed on it
receipt-why-r09 = the funds were not yet available
receipt-why-r16 = the account is frozen
receipt-why-r20 = the account does not allow debits
receipt-why-other = your bank returned it

## The payoff quote on the loan page

payoff-date-unreadable = Enter the payoff date as a date, like December 15, 2026
payoff-nothing-left = This loan has nothing left to pay off.
payoff-principal = Principal
payoff-interest-through = Interest accrued through { $date }
payoff-fees = Fees
payoff-late-fees = Late fees
payoff-returned-payment-fees = Returned-payment fees
payoff-previous-servicer-fees = Fees owed when your loan came to us
payoff-refund-owed = Refund to pay back
payoff-changed-past = You asked for the payoff on { $asked }, which has passed, so this is the payoff for today, { $today }.
payoff-changed-after-last-due = You asked for the payoff on { $asked }, which is after your loan's last payment is due, on { $last_due }. Everything left is due that day, so this is the payoff for { $last_due }; each day after it adds the daily amount below.
payoff-counts-credited = It counts the payments credited to your loan through { $today }. If your bank returns one of them, what it paid is owed again and the payoff goes up.
payoff-coming-one = { $amount } for { $date } (confirmation { $confirmation })
payoff-no-other-payment = It assumes no other payment is made before { $on }; one that is lowers what you owe by its amount.
payoff-not-counting = It does not count the payments on their way: { $payments }. Each one credited before { $on } lowers what you owe by its amount.
payoff-autopay-keeps-drafting = Your AutoPay keeps drafting until the loan is paid off: a draft credited before { $on } lowers what you owe by its amount.
payoff-includes-interest = It includes the interest until { $on }, and any late fee charged by then on a payment due before it that is not made.
payoff-good-for = It is good for a payment we receive on { $on }. For each day after that, add { $per_diem } of interest.
payoff-before-start = Choose a payoff date on or after { $start }: the loan started then

## Why a payment was refused (beside the field it is about)

refusal-amount-unreadable = Enter an amount in dollars and cents, like 125.50 (not { $shown })
refusal-amount-too-many-cents = Enter an amount in dollars and cents, with at most two digits of cents, like 125.50 (not { $shown })
refusal-amount-not-positive = Enter an amount greater than zero
refusal-amount-over-ceiling = Enter an amount up to { $ceiling }
refusal-over-limit = The most one payment can be here is { $limit }. Make more than one payment, or call us
refusal-past-date = Choose today or a later date (today is { $today })
refusal-card-scheduled = Card payments are made today. To schedule a payment, pay from a bank account
refusal-too-late = Choose a date up to { $latest } ({ $days } days from today)
refusal-too-late-from-due = Choose a date up to { $latest } ({ $days } days after your next due date, { $due })
refusal-not-active = This loan is paid off or closed; there is nothing to pay
refusal-paid-by-scheduled = Payments already scheduled pay this loan off
refusal-nothing-due = Nothing of that kind is due now. Choose another amount
refusal-over-payoff = That is more than the payoff amount for { $date }, { $payoff }. Choose the payoff instead
refusal-no-payment-method = Choose a bank account or card to pay from
refusal-no-draft-method = Choose the bank account or card to draft
refusal-method-not-saved = Choose one of your saved bank accounts or cards
refusal-no-amount = Choose how much to pay
refusal-date-unreadable = Enter the date like December 15, 2026, or choose today
refusal-agreement-needed = Tick the box to agree to the authorization, or go back
refusal-autopay-inactive = This loan is paid off or closed: AutoPay is not needed
refusal-days-before-due = Choose a draft day from the due date to { $max } days before it
refusal-fixed-below-scheduled = A fixed amount must be at least the scheduled payment, { $scheduled }
refusal-frequency-not-offered = This loan's product does not allow that: its AutoPay can draft { $offered }
refusal-frequency-monthly = monthly
refusal-frequency-twice-monthly = twice a month
refusal-frequency-biweekly = every other week
refusal-list-or = { $first } or { $last }
refusal-no-frequency = Choose how often AutoPay drafts
refusal-draft-day-out-of-range = Choose days of the month from the 1st to the 28th
refusal-draft-days-too-close = Choose two days at least 10 days apart, counting across the end of the month too (like the 1st and the 15th)
refusal-start-unreadable = Enter the first draft date like December 11, 2026
refusal-biweekly-start = Choose a first draft date from { $earliest } to { $latest }
refusal-fixed-monthly-only = A fixed amount is for monthly AutoPay: twice a month or every other week, each draft is half your monthly payment
refusal-not-found = not found
refusal-key-reused = This idempotency key was already used for a different request
refusal-session-ended = Your session has ended. Sign in again
refusal-too-late-to-cancel = This payment has already been sent to your bank and can no longer be cancelled
refusal-processor-unavailable = We could not reach the card processor. Your card was not charged. Try again in a few minutes

## Why a card was declined (the processor's answer, in our words)

receipt-decline-insufficient = Your card was declined for insufficient funds
receipt-decline-expired = Your card has expired. Use another card
receipt-decline-cvc = The security code is not right. Add the card again
receipt-decline-removed = This card was removed before it was charged
receipt-decline-declined = Your card was declined. Use another card or a bank account
