# AutoPay and payment methods: the AutoPay page, its authorization (the words a borrower
# agrees to, kept as agreed), the payment methods pages. Values in { $braces } are filled in
# by Servicer; keep them. "AutoPay" is a brand: keep it as it is.

## When AutoPay drafts, in a sentence ("... for the scheduled monthly payment on each due date")

autopay-timing-monthly = { $count ->
        [0] on each due date
        [one] 1 day before each due date
       *[other] { $count } days before each due date
    }
# $first and $second are days of the month: "1st", "15th".
autopay-timing-twice-monthly = on the { $first } and the { $second } of each month
# $weekday is one of the autopay-weekday- words below; $start a date.
autopay-timing-biweekly = every other { $weekday } starting { $start }
autopay-weekday-monday = Monday
autopay-weekday-tuesday = Tuesday
autopay-weekday-wednesday = Wednesday
autopay-weekday-thursday = Thursday
autopay-weekday-friday = Friday
autopay-weekday-saturday = Saturday
autopay-weekday-sunday = Sunday

## What each draft is, beside the other facts of an AutoPay

autopay-amount-half = Half of each scheduled payment; the last draft before each due date covers what is left of it
autopay-amount-fixed = { $amount } (or the payment due, if more)
autopay-amount-scheduled = The scheduled payment

## The authorization: the words the borrower agrees to. A bank account is debited (a
## "draft"); a card is charged (a "charge"): a card's words say nothing of banks or returns.

autopay-auth-bank = I authorize { $servicer } to debit { $method } for { $amount } { $when } (the business day before, when that day is a weekend or holiday) to pay my loan ending in { $last4 }, until I cancel or the loan is paid.{ $split } The final draft will be for the exact amount needed to pay off the loan. I can cancel or change this authorization in the portal or by calling { $phone }; a change made less than 3 business days before a draft may take effect after it. If a draft is returned, my bank may charge me a fee and a returned-payment fee may apply as my loan agreement allows.
autopay-auth-card = I authorize { $servicer } to charge { $method } for { $amount } { $when } (the business day before, when that day is a weekend or holiday) to pay my loan ending in { $last4 }, until I cancel or the loan is paid.{ $split } The final charge will be for the exact amount needed to pay off the loan. I can cancel or change this authorization in the portal or by calling { $phone }; a change made less than 3 business days before a charge may take effect after it. If a charge is declined, that payment is not made: it is still due, and a late fee may apply as my loan agreement allows.
# Twice a month or every other week, after "... until I cancel or the loan is paid."
autopay-auth-split-bank = The last draft before each due date will be for at least what is left unpaid of that payment, so it is paid on time; what the drafts come to beyond my payments goes to principal.
autopay-auth-split-card = The last charge before each due date will be for at least what is left unpaid of that payment, so it is paid on time; what the charges come to beyond my payments goes to principal.
# The amount, after "for": keep the comma at the end of the first.
autopay-auth-amount-half = half of each scheduled payment (now { $half }),
autopay-auth-amount-fixed = { $amount } (or the payment due, if more)
autopay-auth-amount-scheduled = the scheduled monthly payment
# The account or card, after "to debit" / "to charge".
autopay-auth-method-card = my { $brand } card ending in { $last4 }
autopay-auth-method-card-debit = debit
autopay-auth-method-bank = my { $type } account ending in { $last4 } at routing number { $routing }
autopay-auth-type-checking = checking
autopay-auth-type-savings = savings
autopay-auth-type-bank = bank

## The AutoPay page

autopay-title = AutoPay: loan ending { $last4 }
autopay-back-to-loan = Back to the loan ending { $last4 }
autopay-heading = AutoPay for the loan ending { $last4 }
autopay-saved = Your AutoPay choices are saved. A copy of the authorization is on its way to you.
autopay-off-heading = AutoPay is off
# After "No payment will be drafted on December 11, 2026 or after."
autopay-off-body = Your payments are now yours to make before each due date. We have sent you a notice that AutoPay is off.
autopay-reauthorize = Your bank reported that a draft was not authorized, so AutoPay stopped. To use AutoPay again, set it up anew below.
autopay-on-heading = AutoPay is on
autopay-from = From
autopay-amount = Amount
autopay-when = When
autopay-authorized = Authorized
autopay-turn-off = Turn off AutoPay
autopay-change-heading = Change AutoPay
autopay-intro = AutoPay drafts your payment every month so that none is missed. The final draft is for exactly what is left to pay off the loan. You can change or turn it off here at any time.
autopay-intro-split = This loan can also be paid twice a month or every other week: each draft is half your payment, the last draft before each due date covers what is left of that payment, and whatever the drafts add up to beyond your payments goes to principal.
autopay-first-add-html = First add <a href="{ $bank }">a bank account</a> or <a href="{ $card }">a debit card</a>.
autopay-read-and-agree = Read and agree
autopay-agree = I agree to this authorization
autopay-turn-on = Turn on AutoPay
autopay-draft-from = Draft from
autopay-method-option-card = { $nickname } (card ending { $last4 })
autopay-method-option-bank = { $nickname } (account ending { $last4 })
autopay-removed-method = a removed account
autopay-amount-choice-scheduled = The scheduled payment
autopay-amount-choice-fixed = A fixed amount, at least the scheduled payment
autopay-fixed-amount-label = Fixed amount, in dollars
autopay-how-often = How often
autopay-choice-monthly = Monthly: the payment, once for each due date
autopay-choice-twice-monthly = Twice a month: half the payment ({ $half }) on two days of the month
autopay-choice-biweekly = Every other week: half the payment ({ $half }); 26 halves a year pay the loan off sooner
autopay-days-before-due-label = Draft how many days before the due date (0 to 15)
autopay-days-before-due-label-monthly = Monthly: draft how many days before the due date (0 to 15)
autopay-days-before-due-hint = 0 drafts on the due date; a weekend or holiday moves the draft to the business day before
autopay-days-legend = Twice a month: the two days of the month
autopay-days-hint = At least 10 days apart, counting across the end of the month too; a weekend or holiday moves a draft to the business day before
autopay-first-day = First day
autopay-second-day = Second day
autopay-start-label = Every other week: the first draft date
autopay-start-hint = A date from { $earliest } to { $latest }; then every 14 days
autopay-start-hint-keep = A date from { $earliest } to { $latest }, or { $start } to keep the days of your AutoPay; then every 14 days
autopay-continue = Continue
autopay-nothing-drafted-from = No payment will be drafted on { $date } or after.
autopay-nothing-drafted = No further payment will be drafted.

## Turning AutoPay off (a page that asks first)

autopay-cancel-heading = Turn off AutoPay?
# $nothing is autopay-nothing-drafted-from or autopay-nothing-drafted.
autopay-cancel-if = If you turn off AutoPay for the loan ending in { $last4 }: { $nothing }
autopay-cancel-yours-to-make = Your payments will be yours to make, in the portal or by phone, before each due date. A payment you miss may be charged a late fee.
autopay-cancel-notice = We will send you a notice that AutoPay is off. You can turn it on again at any time.
autopay-cancel-keep = Keep AutoPay on
autopay-cancel-back = Back to AutoPay

## Why the AutoPay form was refused (beside the field)

# $shown is what was typed, in quotes.
autopay-refusal-amount-unreadable = Enter an amount in dollars and cents, like 125.50 (not { $shown })
autopay-refusal-amount-cents = Enter an amount in dollars and cents, with at most two digits of cents, like 125.50 (not { $shown })
autopay-refusal-amount-not-positive = Enter an amount greater than zero
autopay-refusal-amount-ceiling = Enter an amount up to { $ceiling }
autopay-refusal-over-limit = The most one payment can be here is { $limit }. Make more than one payment, or call us
autopay-refusal-no-method = Choose the bank account or card to draft
autopay-refusal-method-not-saved = Choose one of your saved bank accounts or cards
autopay-refusal-agreement-needed = Tick the box to agree to the authorization, or go back
autopay-refusal-inactive-loan = This loan is paid off or closed: AutoPay is not needed
autopay-refusal-days-before-due = Choose a draft day from the due date to { $max } days before it
autopay-refusal-fixed-below-scheduled = A fixed amount must be at least the scheduled payment, { $scheduled }
# $offered is a list of the autopay-frequency- words below: "monthly or every other week".
autopay-refusal-frequency-not-offered = This loan's product does not allow that: its AutoPay can draft { $offered }
autopay-frequency-monthly = monthly
autopay-frequency-twice-monthly = twice a month
autopay-frequency-biweekly = every other week
# The last two of a list: "monthly, twice a month or every other week".
autopay-list-or = { $init } or { $last }
autopay-refusal-no-frequency = Choose how often AutoPay drafts
autopay-refusal-day-out-of-range = Choose days of the month from the 1st to the 28th
autopay-refusal-days-too-close = Choose two days at least 10 days apart, counting across the end of the month too (like the 1st and the 15th)
autopay-refusal-start-unreadable = Enter the first draft date like December 11, 2026
autopay-refusal-start-out-of-range = Choose a first draft date from { $earliest } to { $latest }
autopay-refusal-fixed-monthly-only = A fixed amount is for monthly AutoPay: twice a month or every other week, each draft is half your monthly payment
autopay-refusal-session-ended = Your session has ended. Sign in again
autopay-refusal-not-found = This loan or its AutoPay was not found
autopay-refusal-other = We could not save these AutoPay choices. Check them and try again.

## Payment methods: the list, and removing one

method-list-title = Payment methods
method-back-to-profile = Back to your profile
method-list-saved = Your payment methods are saved.
method-list-none = You have no saved payment methods yet.
# A saved method on the list: "checking account ending 6789 at routing number 011000015, in
# the name of Maria Lopez"; "Visa card ending 4242, expires 09/28, in the name of Maria Lopez".
method-list-bank-typed = { $type } account ending { $last4 }
method-list-bank = account ending { $last4 }
method-type-checking = checking
method-type-savings = savings
method-list-routing = { $account } at routing number { $routing }
method-list-card = { $brand } card ending { $last4 }
method-list-debit-card = Debit card ending { $last4 }
method-list-expires = { $card }, expires { $expiry }
method-list-holder = { $what }, in the name of { $holder }
method-remove = Remove
method-add-bank = Add a bank account
method-add-card = Add a debit card
# A saved method in a sentence or a list of choices.
method-card = { $brand } card ending { $last4 }
method-debit-card = Debit card ending { $last4 }
method-bank = { $nickname } (account ending { $last4 })
method-remove-heading = Remove { $method }?
method-remove-consequence = If you remove { $method }, you will not be able to choose it for a payment or for AutoPay. To use it again, you would add it again.
method-remove-check-scheduled = These payments are scheduled from it. Check them before you remove it, and cancel any you do not want made:
method-remove-scheduled = { $amount } for { $date } (confirmation { $confirmation })
method-remove-button = Remove it
method-remove-keep = Keep it
method-back-to-list = Back to payment methods
method-card-cannot-be-removed = This card cannot be removed yet
method-account-cannot-be-removed = This account cannot be removed yet
method-pays-autopay = This pays your AutoPay on the loan ending { $last4 }. Change that AutoPay to another account or card, or turn it off, first

## Adding a bank account

bank-heading = Add a bank account
bank-intro = A checking or savings account at a US bank. We keep the account number encrypted and show only its last four digits.
bank-holder-name = Name on the account
bank-routing-number = Routing number
bank-routing-number-hint = 9 digits, the first number at the bottom of a check
bank-account-number = Account number
bank-account-number-hint = 4 to 17 digits
bank-account-number-again = Account number again
bank-type = Type of account
bank-type-checking = Checking
bank-type-savings = Savings
bank-nickname = A name for it (optional)
bank-nickname-hint = For example, Everyday checking
bank-save = Save bank account

## Adding a debit card

card-heading = Add a debit card
card-intro = Your card number goes straight to our card processor; we keep only its brand, last four digits and expiry.
card-holder-name = Name on the card
card-number = Card number
card-number-hint = The 15 or 16 digits on the front
card-expiry = Expiry date
card-expiry-hint = MM/YY, for example 09/28 (the slash may be left out)
card-cvv = Security code
card-cvv-hint = The 3 digits on the back (4 on the front of American Express)
card-zip = Billing ZIP code
card-nickname = A name for it (optional)
card-save = Save card

## The name a bank account is saved under when the borrower gives it none

method-default-checking = Checking account ending { $last4 }
method-default-savings = Savings account ending { $last4 }
