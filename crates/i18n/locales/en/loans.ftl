# The borrower's loans: the dashboard, a loan's page, its payment schedule, its year-end
# summaries and the change of its due date. Values in { $braces } are filled in by Servicer
# (amounts, dates, the last four digits of an account number); keep them.

## The dashboard

dash-title = Your loans
dash-balances-as-of = Balances as of { $date }.
dash-welcome-heading = Your sign-in is ready
dash-welcome-html = For extra security, <a href="/profile/security/authenticator">set up an authenticator app</a> for your second sign-in step. Until then we send you a code each time you sign in.
dash-action-needed-label = Action needed for the loan ending { $last4 }
dash-reestablish-body = Your loan ending { $last4 } moved to us from your previous servicer, and AutoPay does not move with a loan. Set up AutoPay again so that no payment is missed; until then, pay online, by phone or by mail.
dash-reestablish-link = Set up AutoPay for the loan ending { $last4 }
dash-unread = { $count ->
    [one] You have { $count } unread message.
   *[other] You have { $count } unread messages.
}
dash-read-messages = Read your messages
dash-no-loans = No loans are linked to your sign-in yet.
dash-add-loan = Add a loan
dash-details = Details and activity
dash-add-another = Add another loan

## A loan's card (the dashboard and the top of the loan page)

loan-product-ending = { $product } ending { $last4 }
loan-ending = Loan ending { $last4 }
loan-origin-boarded = { $amount }, boarded { $date } from your previous servicer
loan-origin-opened = { $amount }, opened { $date }
loan-status-current = Current
loan-status-past-due = Past due
loan-status-paid-off = Paid off
loan-status-charged-off = Charged off
loan-action-needed = Action needed
loan-reestablish-heading = Re-establish your AutoPay
loan-reestablish-body = This loan moved to us from your previous servicer, and AutoPay does not move with a loan. Set it up again so that no payment is missed.
loan-how-autopay-works = How AutoPay works
loan-past-due-label = Past due: loan ending { $last4 }
loan-past-due-heading = Your loan ending { $last4 } is past due
loan-when-late = When is a payment late?
loan-cant-pay = Can't make a payment? See your options
loan-for-loan-ending = for the loan ending { $last4 }
loan-on-loan-ending = on the loan ending { $last4 }
loan-on-its-way-label = Payment on its way: loan ending { $last4 }
loan-on-its-way-heading = A payment on its way covers what is past due on your loan ending { $last4 }
loan-balance = Balance
loan-credit-balance = Credit balance (unapplied funds)
loan-past-due = Past due
loan-next-payment = Next payment
loan-none-scheduled = None scheduled
loan-next-draft = Next AutoPay draft
loan-autopay = AutoPay
loan-autopay-reestablish = Not set up: re-establish it
loan-autopay-not-set-up = Not set up
loan-pending-payments = Pending payments
loan-none = None
loan-pending-amount-on = { $amount } on { $date }
loan-pending-changed = Not as we told you when you scheduled it: { $changed } You can cancel it until the cutoff on { $date }.
loan-pending-pending = Pending
loan-pending-processing = Processing
loan-credit-note-html = We received more than this loan owed. The credit is not part of your balance: we hold it for you. To have it refunded, call us at <a href="tel:{ $phone }">{ $phone }</a>.
loan-make-payment = Make a payment
loan-manage-autopay = Manage AutoPay
loan-set-up-autopay = Set up AutoPay
loan-payoff-amount = Payoff amount

## What is owed and by when

loan-days = { $count ->
    [one] { $count } day
   *[other] { $count } days
}
loan-past-due-since = { $amount } since { $date } ({ $days })
loan-in-fees = { $amount } in fees
loan-amount-due-on = { $amount } due { $date }
loan-amount-on = { $amount } on { $date }
loan-alarm-part = { $amount } due { $date } ({ $days } late)
loan-alarm-fees-unpaid = { $amount } in fees is unpaid.
loan-alarm-past-due = { $amount } is past due: { $parts }.
loan-alarm-pay-now = Pay it now to bring your loan current.
loan-list-and = { $rest } and { $last }
loan-list-or = { $rest } or { $last }
loan-calm-autopay = AutoPay will draft { $amount } on { $date }; your loan will be current then.
loan-calm-payment = Your payment of { $amount } scheduled for { $date } will bring your loan current then.
loan-calm-item-autopay = AutoPay's draft of { $amount } on { $date }
loan-calm-many = The payments on their way ({ $payments }) will bring your loan current on { $date }.

## AutoPay as the card says it

loan-autopay-on-split = On: half of each scheduled payment { $when }
loan-autopay-on = On: { $amount } { $when }
loan-autopay-on-before = On: { $amount }, { $when }
loan-autopay-scheduled-payment = the scheduled payment
loan-autopay-when-due-date = on each due date
loan-autopay-when-before = { $count ->
    [one] { $count } day before each due date
   *[other] { $count } days before each due date
}
loan-autopay-when-twice = on the { $first } and the { $second } of each month
loan-autopay-when-biweekly = every other { $weekday } starting { $date }
loan-weekday-monday = Monday
loan-weekday-tuesday = Tuesday
loan-weekday-wednesday = Wednesday
loan-weekday-thursday = Thursday
loan-weekday-friday = Friday
loan-weekday-saturday = Saturday
loan-weekday-sunday = Sunday

## The loan page

loan-back-to-loans = Back to your loans
loan-back-to-loan = Back to the loan ending { $last4 }
loan-nickname-change = Change or remove this loan's nickname
loan-nickname-give = Give this loan a nickname
loan-nickname = Nickname
loan-nickname-hint = Up to 40 characters. It becomes this loan's name on your dashboard and here. Save it empty to remove it.
loan-nickname-save = Save nickname
loan-nickname-too-long = Use at most { $max } characters (this one has { $chars })
loan-nickname-control = Use letters, numbers, spaces and punctuation only, on one line
loan-principal = Principal
loan-interest-accrued = Interest accrued
loan-fees = Fees
loan-payoff-lead-html = To pay this loan off, we must receive <strong>{ $total }</strong> on { $date }.
loan-payoff-per-diem = Each day after { $date } adds
loan-payoff-assumes = What this figure assumes
loan-payoff-letter = Download a payoff letter (PDF)
loan-paid-in-full-letter = Paid-in-full letter (PDF)
loan-payoff-other-date = Payoff for another date
loan-payoff-show = Show payoff

## What if I pay extra?

loan-what-if-heading = What if I pay extra?
loan-what-if-intro = See how paying more than is due, to principal, changes when your loan is paid off and how much interest you pay.
loan-what-if-how = Figured the way your payments are applied, if each payment is made on its due date for the amount due and the extra goes to principal.
loan-what-if-pay-extra-html = To pay extra, <a href="/loans/{ $account }/pay">make a payment</a> and put the extra toward principal.
loan-what-if-extra = Extra amount, in dollars
loan-what-if-often = How often
loan-what-if-monthly = With every payment
loan-what-if-once = Once, with my next payment
loan-what-if-show = Show the difference
loan-what-if-how-monthly = with every payment
loan-what-if-how-once = once, with your payment on { $date }
loan-what-if-paying = Paying { $amount } more { $how }
loan-what-if-sooner = { $paying }, your loan is paid off on { $date } instead of { $instead }, and you pay { $saved } less interest.
loan-what-if-smaller-last = { $paying }, your loan is still paid off on { $date }, with a last payment of { $last } instead of { $instead }, and you pay { $saved } less interest.
loan-what-if-not-positive = Enter an amount greater than zero
loan-what-if-over-payoff = Enter an amount up to { $most }: with your payment on { $date }, that pays your loan off
loan-what-if-nothing-more = Your payment on { $date } pays your loan off: there is nothing more to pay
loan-what-if-not-active = This loan has nothing left to pay off.
loan-what-if-matured = This loan is past its last due date: the payoff amount above is what is left to pay.
loan-what-if-unreadable = Enter an amount in dollars and cents, like 125.50 (not { $shown })
loan-what-if-too-many-cents = Enter an amount in dollars and cents, with at most two digits of cents, like 125.50 (not { $shown })
loan-what-if-over-ceiling = Enter an amount up to { $most }

## Terms

loan-terms = Terms
loan-account-number = Account number
loan-amount-financed = Amount financed
loan-interest-rate = Interest rate
loan-day-count-actual-365 = actual/365
loan-day-count-actual-actual = actual/actual
loan-day-count-30-360 = 30/360
loan-term-left-at-transfer = Payments left at transfer
loan-term-in-all = Payments in all
loan-maturity-date = Maturity date
loan-serviced-since = Serviced by us since
loan-tila = Truth in Lending disclosure
loan-tila-apr = Annual percentage rate
loan-tila-finance-charge = Finance charge
loan-tila-total = Total of payments
loan-tila-explained = The cost of your credit as a yearly rate; the dollar amount the credit costs you; the credit provided to you; what you will have paid after making all payments as scheduled.
loan-tila-link = Your Truth in Lending disclosure, with the payment schedule
loan-tila-by-lender = Your Truth in Lending disclosure was given by your lender when the loan was made; it is in your loan agreement.

## Your loan's rules

loan-rules = Your loan's rules
loan-bucket-fees = fees
loan-bucket-interest = interest
loan-bucket-principal = principal
loan-waterfall = { $first } first, then { $second }, then { $third }
loan-rule-waterfall = Each payment pays { $order }.
loan-rule-extra-principal = When you pay more than is due, the extra goes to principal unless you choose to count it toward your next payment.
loan-rule-extra-next = When you pay more than is due, the extra counts toward your next payment unless you choose to put it toward principal.
loan-rule-no-late-fee = No late fee is charged.
loan-rule-late-fee-percent = { $percent }% of the payment
loan-rule-late-fee-fixed-percent = { $fixed } plus { $percent }% of the payment
loan-rule-late-fee-capped = { $fee }, at most { $cap }
loan-rule-late-fee = A payment is on time up to { $grace } after its due date. After that, a late fee of { $fee } is charged, once for each late payment.
loan-rule-late-fee-least = No late fee is charged when less than { $least } of the payment is unpaid.
loan-rule-nsf = If your bank returns a payment unpaid for insufficient funds, a fee of { $fee } is charged.
loan-rule-no-nsf = No fee is charged when your bank returns a payment unpaid.
loan-rule-interest-365 = Interest is charged each day on the principal you owe, at the yearly rate divided by 365.
loan-rule-interest-actual = Interest is charged each day on the principal you owe, at the yearly rate divided by 365, or by 366 in a leap year.
loan-rule-interest-360 = Interest is charged on the principal you owe as if every month had 30 days and the year 360.
loan-rule-due-date-fixed = Your loan's due date cannot be changed.
loan-rule-due-date-any-time = when you need to
loan-rule-due-date-monthly = once a month
loan-rule-due-date-yearly = once a year
loan-rule-due-date-every = once every { $months } months
loan-rule-due-date-how-far = to a day of the month from the 1st to the 28th, moving your next payment up to { $window } earlier or later and to at least { $notice } from the day of the change, while no payment is past due
loan-rule-due-date-yourself = You may change your due date yourself { $often }, { $far }.
loan-rule-due-date-call = We can change your due date at your request { $often }, { $far }: call us.
loan-rule-refund-ach = Money we hold for you (more than your loan owed) is refunded to a bank account you have verified with us.
loan-rule-refund-original = Money we hold for you (more than your loan owed) is refunded the way it was paid: to the card or bank account it came from.
loan-rule-refund-check = Money we hold for you (more than your loan owed) is refunded by a check mailed to you.
loan-frequency-monthly = monthly
loan-frequency-twice-monthly = twice a month
loan-frequency-biweekly = every other week
loan-rule-autopay-split = AutoPay can draft { $often }. Drafting more often than monthly, each draft is half your monthly payment, and what the drafts add up to beyond your payments goes to principal, so the loan is paid off sooner.

## Next payments and the schedule

loan-next-payments = Next payments
loan-final-payment = Your last payment, due { $due }, is { $amount }, larger than the others.
loan-final-payment-more = It pays off what is left of your loan; paying more before then makes it smaller.
loan-no-payments-left = No payments are left.
loan-col-due = Due
loan-col-payment = Payment
loan-col-status = Status
loan-full-schedule = Full payment schedule
loan-change-due-date = Change your due date
schedule-title = Payment schedule: loan ending { $last4 }
schedule-heading = Payment schedule
schedule-left = { $left } of { $all } payments left.
schedule-explained = A paid installment shows the payments that paid it, as they were applied (your activity lists each one); the rest are projected from what you owe today, as if each were paid on its due date, and the last pays off what is left.
schedule-col-number = No.
schedule-col-interest = Interest
schedule-col-principal-after = Principal after
schedule-status-paid = Paid
schedule-status-past-due = Past due
schedule-status-partly-paid = Partly paid
schedule-status-due = Due
schedule-status-upcoming = Upcoming

## Activity

loan-activity = Activity
loan-applied-order = How each payment was applied: to { $order }.
loan-returned-note = A payment your bank returned paid nothing: it is marked Returned, and the payments after it are shown as they apply without it.
loan-no-activity = No activity yet.
loan-col-date = Date
loan-col-what = What
loan-col-amount = Amount
loan-col-to-fees = To fees
loan-col-to-interest = To interest
loan-col-to-principal = To principal
loan-activity-payment = Payment
loan-activity-payment-credit = Payment ({ $amount } more than the loan owed, held as a credit)
loan-activity-returned-fee = Returned payment fee
loan-activity-refund-owed = Refund to pay back: a payment that funded it was returned or reversed
loan-activity-late-fee = Late fee (installment { $number })
loan-activity-fee-waived = Fee waived
loan-activity-interest-waived = Interest waived
loan-activity-returned = Payment returned by your bank on { $date }: { $why }
loan-activity-reversed-on = Payment reversed on { $date }
loan-activity-interest-waiver-undone = Interest waiver undone on { $date }: it waived nothing
loan-activity-fee-waiver-undone = Fee waiver undone on { $date }: it waived nothing
loan-activity-reversed = Payment reversed on { $date }: { $why }. It paid nothing on this loan, and the payments after it are shown as they apply without it
loan-tag-returned = Returned
loan-tag-undone = Undone
loan-tag-moved = Moved
loan-tag-reversed = Reversed
loan-history-csv = Download payment history (CSV)
loan-history-pdf = Download payment history (PDF)
loan-interest-paid = Interest paid in { $year }
loan-interest-paid-so-far = Interest paid in { $year } so far
loan-year-end-summary = Year-end summary
loan-for-year = for { $year }
loan-prior-payments = Payments to your previous servicer

## Statements and documents

loan-documents = Statements and documents
loan-no-statements = No statements yet. Your first monthly statement appears here after your next statement date.
loan-statements-label = Monthly statements
loan-statements-caption = Monthly statements, newest first
loan-col-statement-date = Statement date
loan-col-amount-due = Amount due
loan-col-due-date = Due date
loan-col-statement = Statement
loan-statement-view = View
loan-statement-of = the statement of { $date }
loan-statement-pdf = PDF
loan-statement-pdf-of = of the statement of { $date }
loan-every-document = Every document of this loan
loan-every-document-list = : statements, the Truth in Lending disclosure, AutoPay authorizations, notices and letters.

## A year-end summary

loan-year-title = Year-end summary { $year }: loan ending { $last4 }
loan-year-heading = Year-end summary of payments, { $year }
loan-year-intro = Loan ending { $last4 }. What the payments credited to it in { $year } paid.
loan-year-pdf = Download this summary as a PDF

## Changing the due date

due-day-ordinal = { $count ->
    [1] 1st
    [2] 2nd
    [3] 3rd
    [21] 21st
    [22] 22nd
    [23] 23rd
   *[other] { $count }th
}
due-title = Change your due date: loan ending { $last4 }
due-current = Your payments on the loan ending { $last4 } are due on the { $day } of each month.
due-current-next = Your payments on the loan ending { $last4 } are due on the { $day } of each month; the next one on { $next }.
due-rule-any-day = Choose any day from the 1st to the 28th: every month has one.
due-rule-once-in = You can change it once in { $months } months, and not while a payment is past due.
due-rule-window = Your next payment can move by up to { $window } days, and its new date must be at least { $notice } days from today.
due-rule-autopay = AutoPay is on: it drafts your payments on the new dates.
due-new-date = Your new due date
due-day-of-month = Day of the month
due-show = Show my new schedule
due-new-schedule = Your new schedule
due-preview = From { $effective }, your payments are due on the { $day } of each month.
due-preview-moves-html = Your next payment moves from { $old } to <strong>{ $new }</strong>.
due-preview-caption = Your next payments, with their due dates now and after the change
due-col-now = Due now
due-col-new = New due date
due-more = { $count ->
    [one] And { $count } more payment, on the { $day }.
   *[other] And { $count } more payments, each on the { $day }.
}
due-interest-html = Moving your due date means <strong>{ $interest }</strong>, if you make every payment on its due date.
due-interest-more = about { $amount } more interest over the life of the loan
due-interest-less = about { $amount } less interest over the life of the loan
due-interest-same = no change to the interest over the life of the loan
due-confirm = Change my due date to the { $day }
due-not-online-html = The due date of this loan cannot be changed online. Call us at <a href="tel:{ $phone }">{ $phone }</a>, { $hours }: we can tell you what is possible.
due-choose-day = Choose a day from the 1st to the 28th
due-refused-not-allowed = This loan's due date cannot be changed.
due-refused-borrower-may-not = Please call us to change this loan's due date.
due-refused-bad-day = Choose a day of the month from the 1st to the 28th.
due-refused-past-due = The due date cannot be changed while a payment is past due. Bring the loan up to date first.
due-refused-same-day = Your payments are already due on that day. Choose another day.
due-refused-nothing-left = There are no payments left to move to another day.
due-refused-too-soon = The due date was changed recently. It can be changed again on or after { $date }.
due-refused-outside-window = The next due date can move by at most { $days } days. Choose a day closer to the current one.
due-refused-too-close = The next payment would be due too soon. Choose a day that puts it on or after { $date }.
due-changed-heading = Your due date has changed
due-changed-day = Your payments on the loan ending { $last4 } are now due on the { $day } of each month.
due-changed-next = Your next payment is due on { $date }.
due-changed-autopay = AutoPay drafts your payments on the new dates: its next draft is on { $date }.
due-changed-sent = We sent you a confirmation of the change.
due-back-to-loan = Back to your loan

## Why a payment was taken off the loan

loan-why-moved = the payment was moved to the loan it was meant for
loan-why-returned-unpaid = the payment was returned unpaid
loan-why-posted-in-error = the payment was posted in error
loan-why-duplicate = the payment was posted twice
loan-return-with-code = { $reason } ({ $code })
loan-return-r01 = insufficient funds
loan-return-r02 = the account is closed
loan-return-r03 = no account, or the account number does not match the name
loan-return-r04 = the account number is not valid
loan-return-unauthorized = your bank reports the debit was not authorized
loan-return-r08 = a stop payment was placed on it
loan-return-r09 = the funds were not yet available
loan-return-r16 = the account is frozen
loan-return-r20 = the account does not allow debits
loan-return-other = your bank returned it
