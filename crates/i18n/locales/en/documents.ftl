# The documents center, the letters and the statement, as pages and PDFs.
# Values in { $braces } are filled in by Servicer (dates, amounts, names); keep them.

document-refused = No such document for this loan
letter-refused = No letter for this loan
letter-date-unreadable = Enter the payoff date as a date, like December 15, 2026

# The documents center (/documents) and why a document is not given
document-not-boarded = This loan was made with us, not moved to us from another servicer: it has no notice of servicing transfer.
document-terms-not-on-file = We do not have this loan's original terms on file, so its Truth in Lending disclosure cannot be shown here. It is in the loan agreement your lender gave you; call us for a copy.
document-disclosure-unavailable = This loan's Truth in Lending figures cannot be worked out from its terms on file. The disclosure is in the loan agreement your lender gave you; call us for a copy.
document-center-title = Your documents
document-center-lead = Every document about your loans, in one place: monthly statements, Truth in Lending disclosures, AutoPay authorizations, notices and letters. Each opens as a page, and as a PDF to keep or print.
document-center-unknown-loan = No loan of yours has the account number in this address, so the documents of all your loans are shown.
document-center-show-of = Show the documents of
document-center-all-loans = All your loans
document-center-show = Show
document-center-none = No documents yet.
document-center-caption-one = Documents of { $loan }, newest first
document-center-caption-all = Documents of all your loans, newest first
document-center-col-date = Date
document-center-col-document = Document
document-center-col-loan = Loan
document-center-col-open = Open
document-center-link-about = { $title } of { $date }, { $loan }
document-center-pdf = PDF
document-center-paper = Looking for a paper copy? Call us at
document-view = View
document-choose-date = Choose a date
document-kind-statement = Monthly statement
document-statement-detail = { $amount } due { $date }
document-kind-transfer = Notice of servicing transfer
document-transfer-detail = Your loan moved to us from your previous servicer
document-kind-tila = Truth in Lending disclosure
document-tila-detail = The cost of your credit: APR, finance charge, payments
document-kind-autopay = AutoPay authorization
document-autopay-detail-ended = Ended { $date }
document-kind-payoff = Payoff letter
document-payoff-detail = Made when you ask, for the date you choose
document-kind-paid-in-full = Paid-in-full letter
document-autopay-page-title = AutoPay authorization of { $date }: loan ending { $last4 }
document-autopay-download = Download this authorization as a PDF
document-autopay-manage = Manage AutoPay for the loan ending { $last4 }

# The monthly statement (its PDF and its page)
statement-title = Monthly statement
statement-late-fee-warning = If we do not receive your payment by { $date }, a late fee of { $fee } will be charged.
statement-pay-by = Please pay by { $date } to keep your account current.
statement-customer-service = Customer service { $phone }
statement-date = Statement date
statement-account-number = Account number
statement-due-date = Payment due date
statement-amount-due = Amount due
statement-important = Important
statement-summary = Account summary
statement-principal-balance = Principal balance
statement-interest-unpaid = Interest accrued, unpaid
statement-fees-unpaid = Fees unpaid
statement-total-balance = Total balance
statement-interest-this-period = Interest charged this period
statement-fees-this-period = Fees charged this period
statement-interest-this-year = Interest paid this year
statement-previous-balance = Previous balance
statement-payments = Payments
statement-payments-split = to principal { $principal }, interest { $interest }, fees { $fees }
statement-payments-returned = Payments returned or reversed
statement-interest-charged = Interest charged
statement-fees-charged = Fees charged
statement-fees-waived = Fees waived
statement-interest-waived = Interest waived
statement-new-balance = New balance
statement-principal = Principal
statement-explanation = Explanation of amount due
statement-regular-payment = Regular payment
statement-past-due-unpaid = Past due (unpaid payments and fees)
statement-days-past-due = { $count ->
        [one] Your account is 1 day past due.
       *[other] Your account is { $count } days past due.
    }
statement-autopay-drafts = AutoPay will draft the amount due.
statement-credit-balance = Credit balance (unapplied funds)
statement-credit-refund = We hold it for you. Call us to have it refunded.
statement-activity-heading = Activity from { $start } to { $end }
statement-col-date = Date
statement-col-description = Description
statement-col-amount = Amount
statement-col-principal = Principal
statement-col-interest = Interest
statement-col-fees = Fees
statement-no-activity = No activity this period.
statement-activity-continues = Activity continues on the next page.
statement-activity-continued = Activity (continued), account { $account }
statement-coupon = Payment coupon
statement-coupon-detach = Detach here and return this part with your check or money order. Do not send cash.
statement-amount-enclosed = Amount enclosed
statement-payable-to = Make checks payable to the servicer and mail to:
statement-write-account = Write your 16-digit account number on your check.
statement-line-interest = Interest charged this period
statement-line-payment = Payment received
statement-line-nsf-fee = Returned payment fee
statement-line-refund-owed = Refund to pay back
statement-line-fee-waived = Fee waived
statement-line-interest-waived = Interest waived
statement-line-returned = Payment returned or reversed
statement-line-late-fee = Late fee (payment { $installment })

# The statement's page
statement-page-title = Statement of { $date }: loan ending { $last4 }
statement-back = Back to the loan ending { $last4 }
statement-heading = Monthly statement of { $date }
statement-download = Download this statement as a PDF
statement-download-about = (the statement as issued, with the payment coupon).
statement-past-due = Past due
statement-days-past-due-short = { $count ->
        [one] 1 day past due
       *[other] { $count } days past due
    }
statement-reconciliation-caption = From the previous balance to the new balance
statement-what-changed = What changed the balance
statement-credit-balance-page = { $amount }: we hold it for you; call { $phone } to have it refunded
statement-activity-label = Activity this period
statement-by-mail = Paying by mail
statement-by-mail-text = Send a check with the coupon from the PDF, and your 16-digit account number on the check, to:

# The payoff and paid-in-full letters, and what every letter's head says
letter-ending-in = ending in { $last4 }
letter-loan-line-named = { $name }, account { $account }
letter-loan-line = Account { $account }
letter-customer-service = Customer service { $phone }
letter-re = Re: { $loan }
letter-questions = Questions? Call us at { $phone } or visit { $website }.
letter-date-issued = Date issued
letter-account = Account
letter-balance = Balance
letter-payoff-title = Payoff letter
letter-good-through = Good through
letter-payoff-amount = Payoff amount
letter-principal = Principal
letter-interest-through = Interest accrued through { $date }
letter-fees-unpaid = Fees unpaid
letter-fee-late = Late fees
letter-fee-returned = Returned-payment fees
letter-fee-boarded = Fees owed when your loan came to us
letter-fee-refund-owed = Refund to pay back
letter-less-unapplied = Less funds we hold for you (unapplied)
letter-total-payoff = Total payoff amount
letter-per-diem = Interest per day after { $date } (per diem)
letter-payoff-lead = To pay this loan off in full, we must receive { $total } on { $date }. Here is how that amount is made up.
letter-assumes-heading = What this figure assumes
letter-assumes-nothing-else = No other payment, fee or charge is credited or charged to the loan before { $date }. If one is (a scheduled payment or an AutoPay draft, for example), the figure changes: the payoff amount on your loan page in the portal is always current, and you can download a new letter there.
letter-assumes-no-return = If a payment you have made is returned by your bank or reversed, it paid nothing: the payoff amount goes up by what it paid, and this letter no longer holds.
letter-assumes-per-diem = The figure is for a payment we receive on { $date }. For each day after that, add { $per_diem } of interest. Anything we receive beyond what pays the loan off is held for you as a credit; call us to have it refunded.
letter-how-to-pay = How to pay
letter-in-the-portal = In the portal
letter-pdf-portal = Sign in at { $website } and choose Make a payment on this loan.
letter-by-mail = By mail
letter-pdf-mail = Make your check or money order payable to { $name } and mail it to the address below. Write your 16-digit account number on your check (it is on your statement and in the portal). Allow time for the mail: we must receive it by { $date }.
letter-by-wire = By wire or ACH transfer
letter-wire-send = Send the payoff amount to the account below, with your 16-digit account number as the reference:
letter-wire-bank = Bank
letter-wire-routing = Routing number (ABA)
letter-wire-account-number = Account number
letter-wire-account-name = Account name
letter-wire-call = Call us at { $phone } for wire instructions. We never send bank details for a wire by email or text message: if you receive any, call us before you send money.
letter-payoff-closing = When the loan is paid in full, your paid-in-full letter will be on the loan's page in the portal. Questions? Call us at { $phone }.
letter-paid-in-full-title = Paid-in-full letter
letter-paid-in-full-date = Paid in full on
letter-paid-in-full-on = Your loan was paid in full on { $date }. Thank you.
letter-last-payment = The last payment we received was { $amount } on { $date }.
letter-zero-balance = The loan has a zero balance: nothing more is owed on it, and no further payment will be taken for it.
letter-overpaid = We received { $amount } more than the loan owed. That money is yours and will be refunded to you: call us at { $phone } and we will arrange the refund.
letter-keep = Keep this letter for your records. It stays on the loan's page in the portal.

# The letters' pages, the disclosure's and the notice's, and why a letter is not given
letter-date-unreadable-form = Enter the payoff date as a date, like 2026-12-15
letter-date-in-the-past = Choose a date on or after { $date }: a payoff letter is good through a day to come
letter-date-too-far = Choose a date up to { $date }: a payoff figure further ahead would be a guess
letter-after-last-due = Choose a date up to { $date }: your loan's last payment is due then, and everything left is due with it
letter-nothing-to-pay-off = This loan has nothing left to pay off.
letter-before-start = Choose a payoff date on or after { $date }: the loan started then
letter-not-paid-off = This loan is not paid off: a paid-in-full letter is given once its balance is paid
letter-back = Back to the documents of the loan ending { $last4 }
letter-download = Download this letter as a PDF
letter-payoff-page-title = Payoff letter: loan ending { $last4 }
letter-form-hint = The day we must receive your payoff: from today through { $date }.
letter-error-prefix = Error:
letter-show = Show the letter
letter-page-lead-html = To pay this loan off in full, we must receive <strong>{ $total }</strong> on { $date }.
letter-made-up-caption = How the payoff amount is made up
letter-col-item = Item
letter-col-amount = Amount
letter-make-a-payment = Make a payment
letter-on-this-loan = on this loan.
letter-page-mail = Make your check or money order payable to { $name } and mail it to the address below, with your 16-digit account number written on your check. Allow time for the mail: we must receive it by { $date }.
letter-page-wire-call-html = Call us at <a href="tel:{ $phone }">{ $phone }</a> for wire instructions. We never send bank details for a wire by email or text message: if you receive any, call us before you send money.
letter-paid-page-title = Paid-in-full letter: loan ending { $last4 }
tila-page-title = Truth in Lending disclosure: loan ending { $last4 }
tila-download = Download this disclosure as a PDF
tila-interest-rate = Interest rate
tila-drawn-on = Drawn on
tila-cost-caption = The cost of your credit
tila-col-figure = Figure
tila-col-means = What it means
tila-col-amount = Amount
tila-schedule-caption = Your payments as scheduled
tila-col-number = Number of payments
tila-col-each = Amount of each
tila-col-when = When due
transfer-page-title = Notice of servicing transfer: loan ending { $last4 }
transfer-download = Download this notice as a PDF

# The Truth in Lending disclosure
tila-title = Truth in Lending disclosure
tila-date-drawn = Date drawn
tila-loan-date = Loan date
tila-apr = Annual percentage rate
tila-apr-means = The cost of your credit as a yearly rate.
tila-finance-charge = Finance charge
tila-finance-charge-means = The dollar amount the credit will cost you.
tila-amount-financed = Amount financed
tila-amount-financed-means = The amount of credit provided to you or on your behalf.
tila-total-of-payments = Total of payments
tila-total-of-payments-means = The amount you will have paid after you have made all payments as scheduled.
tila-how-many = { $count ->
        [one] 1 payment
       *[other] { $count } payments
    }
tila-when-once = On { $date }
tila-when-run = From { $first } through { $last }
tila-run-once = 1 payment of { $amount }, on { $date }
tila-run = { $count } payments of { $amount }, from { $first } through { $last }
tila-schedule = Payment schedule
tila-about = About these figures
tila-note-boarded = Your loan moved to us from your previous servicer on { $date }. These figures are worked out from your loan's original terms as your previous servicer's records give them: the amount financed, the date the loan was made, the interest rate and the payments. The disclosure your lender gave you when you signed is in your loan agreement, and it is the one that counts.
tila-note-made-here = These are your loan's figures as it was made on { $date }: the amount financed and the payments scheduled then.
tila-note-rate = Your interest rate is { $rate }. The annual percentage rate is worked out by the actuarial method of Regulation Z (Appendix J) from the amount financed, the date the loan was made and each payment's amount and due date.
tila-note-total = The total of payments assumes every payment is made on its due date for the amount scheduled. Paying late or paying more, or a change to your loan such as a new due date, changes what you pay in all: your loan's page in the portal shows what you owe now.

# The notice of servicing transfer
transfer-title = Notice of servicing transfer
transfer-date-of-notice = Date of notice
transfer-date = Transfer date
transfer-what-changed = What changed
transfer-moved = On { $date }, the servicing of your loan moved from your previous servicer to { $name }. From that date we collect your payments and answer your questions about the loan.
transfer-terms-unchanged = Only who services your loan changed. The transfer does not change the terms of your loan: your interest rate, your payments, your due dates and your account number stay the same.
transfer-new-servicer = Your new servicer
transfer-us = { $name }, { $address }.
transfer-call-us = Call us at { $phone }, { $hours }.
transfer-online = Sign in to your loans online at { $website }.
transfer-previous-servicer = Your previous servicer
transfer-previous = From { $date }, your payments go to us, not to your previous servicer. We do not have its address or phone number on file: for a question about a payment you made to it before { $date }, call us at { $phone }.
transfer-where-to-pay = Where to send your payments
transfer-sent-to-previous = A payment sent to your previous servicer
transfer-grace = For { $days } days from { $date } (through { $through }), a payment you send on time to your previous servicer instead of to us is not late, and no late fee is charged for it. If a late fee is charged for such a payment, call us at { $phone } and we will take it off.
transfer-autopay-again = Set up AutoPay again
transfer-autopay-again-text = You paid by AutoPay with your previous servicer. AutoPay does not move with a loan: set it up again with us in the portal so that no payment is missed. Until then, pay in the portal, by phone or by mail.
transfer-pay-us-from = From { $date }, send every payment to us:
transfer-first-payment = Your first payment to us is { $amount }, due { $date }.
transfer-pay-online = Online: sign in at { $website } to make a payment or set up AutoPay.
transfer-pay-phone = By phone, with a debit card: call { $phone }.
transfer-pay-mail = By mail: a check or money order payable to { $name }, with your 16-digit account number written on it, to { $address }.

# An AutoPay authorization as agreed (its words as agreed are kept as they were)
document-autopay-title = AutoPay authorization
document-autopay-in-effect = In effect
document-autopay-ended = Ended
document-autopay-ended-on = Ended { $date } ({ $why })
document-autopay-agreed-on = Agreed on
document-autopay-status = Status
document-autopay-paid-from = Paid from
document-autopay-amount = Amount
document-autopay-when = When
document-autopay-version = Version of the words
document-autopay-standing-live = This authorization is in effect. You can change or cancel it in the portal on the loan's AutoPay page, or by calling us.
document-autopay-standing-ended = This authorization ended on { $date }: nothing has been drafted under it since. It is kept here as you agreed to it.
document-autopay-as-agreed = The authorization, as you agreed to it
document-autopay-where-it-stands = Where it stands

# The payment history (CSV and PDF) and the year-end summary
history-title = Payment history
history-account-as-of = Account { $account }, as of { $date }
history-explanation = Each payment as it applies now: to fees first, then interest, then principal. A payment your bank returned paid nothing: it is marked Returned, and the payments after it are shown as they apply without it.
history-no-activity = No activity yet.
history-continued = Payment history (continued), account { $account }
history-col-date = Date
history-col-what = What
history-col-amount = Amount
history-col-fees = To fees
history-col-interest = To interest
history-col-principal = To principal
history-col-unapplied = Unapplied
history-col-status = Status
history-status-applied = Applied
history-status-returned = Returned
history-status-charged = Charged
history-status-waived = Waived
history-what-payment = Payment
history-what-returned = Returned payment
history-what-nsf-fee = Returned payment fee
history-what-refund-owed = Refund to pay back
history-what-late-fee = Late fee (installment { $installment })
history-what-fee-waived = Fee waived
history-what-interest-waived = Interest waived
history-what-interest-waiver-undone = Interest waiver, undone
history-what-fee-waiver-undone = Fee waiver, undone
history-what-reversed = Reversed payment
history-year-title = Year-end summary of payments, { $year }
history-year-received = Payments credited
history-year-interest = Interest paid
history-year-fees = Fees paid
history-year-principal = Principal paid
history-year-unapplied = Held as a credit (unapplied funds)
history-year-not-over = { $year } is not over: these are the payments credited through { $date }.
history-year-no-payments = No payments were credited to this loan in { $year }.
history-year-as-applied = Each payment is counted as it applies now: a payment your bank returned paid nothing and is not counted.
history-year-boarded = We have serviced this loan since { $date }: payments you made to your previous servicer are not included.
history-year-not-tax-form = This summary is for your records. It is not a tax form.

## An AutoPay authorization's facts, as the documents center shows them

document-autopay-method-named = The account or card named in the authorization
document-autopay-ended-why = ended
document-method-checking = Checking account ending { $last4 }
document-method-savings = Savings account ending { $last4 }
document-method-card = { $brand } card ending { $last4 }
document-method-debit-card = Debit card ending { $last4 }

## Notes on a line of the payment history

history-note-returned = returned by your bank on { $date }: { $why }
history-note-reversed-on = reversed on { $date }
history-note-undone = undone on { $date }: it waived nothing
history-note-reversed-why = reversed on { $date }: { $why }
history-note-moved = the payment was moved to the loan it was meant for
