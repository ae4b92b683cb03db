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
