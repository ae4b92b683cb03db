//! The borrower's profile: the overview, re-entering the password before a sensitive change
//! (the step-up), contact details and the password.

use super::auth::{page, refusal};
use super::{Chrome, Errors, Posted, SignedIn, redirect_with_session};
use crate::AppState;
use crate::kit::page::{Field, SinglePage, render};
use crate::kit::{PageError, PageResult};
use app::identity::IdentityError;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use domain::address::{AddressError, AddressField};
use domain::address::{AddressOnFile, TypedAddress, UsState};
use domain::identity::SecondFactor;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "portal/profile.html")]
struct ProfilePage {
    chrome: Chrome,
    username: String,
    email: String,
    phone: String,
    /// The address block, one line each (the ZIP once).
    address: Vec<String>,
    /// The address on file is free text that could not be read: the borrower is asked to
    /// confirm it.
    address_needs_review: bool,
    second_factor: String,
    paperless: bool,
    saved: bool,
    /// The languages the borrower may choose to read us in.
    languages: [i18n::Lang; 2],
}

/// `?saved=1` after a change.
#[derive(Deserialize, Default)]
pub struct SavedQuery {
    /// Present after a change was saved.
    #[serde(default)]
    pub(super) saved: Option<String>,
}

/// `GET /profile`
pub async fn profile(
    State(state): State<AppState>,
    who: SignedIn,
    Query(q): Query<SavedQuery>,
) -> PageResult {
    let login = state.app.store().login(who.login).await?;
    let contact = state.app.contact(who.login).await?;
    let tr = who.visitor.lang.tr();
    Ok(render(&ProfilePage {
        chrome: who.chrome(&state, "profile").await,
        username: login.username,
        email: contact
            .email
            .unwrap_or_else(|| tr.t("profile-none-on-file")),
        phone: contact.phone.map_or_else(
            || tr.t("profile-none-on-file"),
            |p| app::identity::mask_phone(&p),
        ),
        address_needs_review: contact.address.needs_review(),
        address: contact.address.lines(),
        second_factor: second_factor_words(tr, login.second_factor),
        paperless: login.paperless,
        saved: q.saved.is_some(),
        languages: i18n::Lang::ALL,
    }))
}

/// The second sign-in step, as the profile names it.
fn second_factor_words(tr: i18n::Tr, f: SecondFactor) -> String {
    tr.t(match f {
        SecondFactor::Totp => "profile-second-step-totp",
        SecondFactor::Sms => "profile-second-step-sms",
        SecondFactor::Email => "profile-second-step-email",
    })
}

/// Where a step-up sends the borrower back to.
#[derive(Deserialize, Default)]
pub struct NextQuery {
    #[serde(default)]
    next: String,
}

fn safe_next(next: &str) -> &str {
    // Only our own pages: a path, never another origin.
    if next.starts_with("/profile") {
        next
    } else {
        "/profile"
    }
}

fn step_up_form(chrome: Chrome, errors: Errors, next: &str) -> SinglePage {
    let tr = chrome.tr;
    SinglePage {
        chrome,
        errors,
        heading: tr.t("profile-step-up-heading"),
        intro: vec![tr.t("profile-step-up-intro")],
        action: "/confirm-password",
        hidden: vec![("next".into(), safe_next(next).to_owned())],
        fields: vec![Field {
            name: "password",
            label: tr.t("profile-password"),
            kind: "password",
            value: String::new(),
            autocomplete: "current-password",
            hint: String::new(),
        }],
        button: tr.t("profile-continue"),
        links: vec![("/profile".into(), tr.t("contact-cancel"))],
    }
}

/// `GET /confirm-password?next=…`
pub async fn step_up_page(
    State(state): State<AppState>,
    who: SignedIn,
    Query(q): Query<NextQuery>,
) -> Response {
    page(
        &who.visitor,
        &Errors::default(),
        &step_up_form(
            who.chrome(&state, "profile").await,
            Errors::default(),
            &q.next,
        ),
    )
}

/// The step-up form.
#[derive(Deserialize)]
pub struct StepUpForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

/// `POST /confirm-password`
pub async fn step_up(
    State(state): State<AppState>,
    who: SignedIn,
    posted: Posted<StepUpForm>,
) -> PageResult {
    let f = posted.form;
    match state
        .app
        .step_up(&who.session, &f.password, &who.visitor.client)
        .await
    {
        Ok(()) => Ok(Redirect::to(safe_next(&f.next)).into_response()),
        Err(e) => {
            let (status, errors) = refusal(&e, "password", who.visitor.lang.tr())?;
            Ok((
                status,
                render(&step_up_form(
                    who.chrome(&state, "profile").await,
                    errors,
                    &f.next,
                )),
            )
                .into_response())
        }
    }
}

/// Unless the borrower entered their password lately, (`?`) sends them to enter it again,
/// and then back to `next`.
#[allow(clippy::result_large_err)] // the early answer is a page either way
pub(super) fn step_up_first(state: &AppState, who: &SignedIn, next: &str) -> Result<(), PageError> {
    if state.app.require_step_up(&who.session).is_err() {
        let to = format!("/confirm-password?next={next}");
        return Err(Redirect::to(&to).into_response().into());
    }
    Ok(())
}

/// The contact form: email, phone and the mailing address by its parts (the state chosen from
/// a list), with the autocomplete tokens browsers fill an address from.
#[derive(Template)]
#[template(path = "portal/contact.html")]
struct ContactPage {
    chrome: Chrome,
    errors: Errors,
    email: String,
    phone: String,
    address: TypedParts,
    /// Every state, territory and military post, the one typed chosen.
    states: Vec<StateChoice>,
    /// The address on file needs review: the form asks the borrower to confirm it.
    needs_review: bool,
    /// The address on file as it was typed, when it needs review (empty: no street on file).
    as_typed: String,
}

/// The parts of the address as the form shows them again.
#[derive(Default)]
struct TypedParts {
    line1: String,
    line2: String,
    city: String,
    state: String,
    zip: String,
}

impl TypedParts {
    /// The parts as typed, for the use case.
    fn typed(&self) -> TypedAddress<'_> {
        TypedAddress {
            line1: &self.line1,
            line2: &self.line2,
            city: &self.city,
            state: &self.state,
            zip: &self.zip,
        }
    }
}

/// One choice of the state list.
struct StateChoice {
    value: &'static str,
    label: String,
    selected: bool,
}

/// A state, territory or military post as the list names it in `tr`'s language: a place
/// whose name is words ("District of Columbia", "Armed Forces Pacific (AP)") in them, a
/// state by its own name (as US Spanish writes it too).
fn state_name(tr: i18n::Tr, s: UsState) -> String {
    let id = match s {
        UsState::DistrictOfColumbia => "contact-state-dc",
        UsState::AmericanSamoa => "contact-state-as",
        UsState::NorthernMarianaIslands => "contact-state-mp",
        UsState::VirginIslands => "contact-state-vi",
        UsState::Micronesia => "contact-state-fm",
        UsState::MarshallIslands => "contact-state-mh",
        UsState::ArmedForcesAmericas => "contact-state-aa",
        UsState::ArmedForcesEurope => "contact-state-ae",
        UsState::ArmedForcesPacific => "contact-state-ap",
        other => return other.name().to_owned(),
    };
    tr.t(id)
}

/// A part of the mailing address as a message names it, in `tr`'s language.
fn address_part(tr: i18n::Tr, field: AddressField) -> String {
    tr.t(match field {
        AddressField::Line1 => "contact-field-line1",
        AddressField::Line2 => "contact-field-line2",
        AddressField::City => "contact-field-city",
        AddressField::State => "contact-field-state",
        AddressField::Zip => "contact-field-zip",
    })
}

/// What is wrong with a part of the mailing address, in `tr`'s language. The match is
/// exhaustive: a new problem cannot ship without its words.
pub(crate) fn address_problem(tr: i18n::Tr, problem: &AddressError) -> String {
    match problem {
        AddressError::Line1Missing => tr.t("contact-error-line1-missing"),
        AddressError::CityMissing => tr.t("contact-error-city-missing"),
        AddressError::StateMissing => tr.t("contact-error-state-missing"),
        AddressError::ZipMissing => tr.t("contact-error-zip-missing"),
        AddressError::TooLong { field, chars, max } => tr.t3(
            "contact-error-too-long",
            "field",
            address_part(tr, *field),
            "max",
            max,
            "chars",
            chars,
        ),
        AddressError::Unprintable { field } => tr.t1(
            "contact-error-unprintable",
            "field",
            address_part(tr, *field),
        ),
        AddressError::StateUnknown => tr.t("contact-error-state-unknown"),
        AddressError::ZipShape => tr.t("contact-error-zip-shape"),
    }
}

/// The contact form's `errors` (as [`refusal`] made them from `e`) with every part of the
/// address at fault said in `tr`'s language, beside its own field.
fn contact_errors(tr: i18n::Tr, e: &IdentityError, mut errors: Errors) -> Errors {
    for one in e.each() {
        if let IdentityError::MailingAddress(problems) = one {
            for problem in problems.all() {
                let field = crate::kit::identity_refusals::address_field(problem.field());
                let words = address_problem(tr, problem);
                match errors.0.iter().position(|(f, _)| *f == field) {
                    Some(at) => errors.0[at].1 = words,
                    None => errors.push(field, words),
                }
            }
        }
    }
    errors
}

impl ContactPage {
    /// The form for what is typed (or on file), with the address on file's review state.
    fn new(
        chrome: Chrome,
        errors: Errors,
        (email, phone): (String, String),
        address: TypedParts,
        on_file: &AddressOnFile,
    ) -> Self {
        let chosen = UsState::read(&address.state);
        let tr = chrome.tr;
        ContactPage {
            chrome,
            errors,
            email,
            phone,
            states: UsState::ALL
                .iter()
                .map(|s| StateChoice {
                    value: s.as_str(),
                    label: state_name(tr, *s),
                    selected: chosen == Some(*s),
                })
                .collect(),
            address,
            needs_review: on_file.needs_review(),
            as_typed: match on_file {
                AddressOnFile::NeedsReview { as_typed, .. } => as_typed.clone().unwrap_or_default(),
                AddressOnFile::Structured(_) => String::new(),
            },
        }
    }
}

/// The address on file as the form shows it: its parts, or (an address that needs review)
/// only the ZIP code on file, for the borrower to enter the rest.
fn parts_on_file(address: &AddressOnFile) -> TypedParts {
    match address.structured() {
        Some(a) => {
            let t = a.typed();
            TypedParts {
                line1: t.line1.to_owned(),
                line2: t.line2.to_owned(),
                city: t.city.to_owned(),
                state: t.state.to_owned(),
                zip: t.zip.to_owned(),
            }
        }
        None => TypedParts {
            zip: address.zip().to_owned(),
            ..TypedParts::default()
        },
    }
}

/// `GET /profile/contact` (after a step-up)
pub async fn contact_page(State(state): State<AppState>, who: SignedIn) -> PageResult {
    step_up_first(&state, &who, "/profile/contact")?;
    let c = state.app.contact(who.login).await?;
    let p = ContactPage::new(
        who.chrome(&state, "profile").await,
        Errors::default(),
        (c.email.unwrap_or_default(), c.phone.unwrap_or_default()),
        parts_on_file(&c.address),
        &c.address,
    );
    Ok(page(&who.visitor, &Errors::default(), &p))
}

/// The contact form.
#[derive(Deserialize)]
pub struct ContactForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    address_line1: String,
    #[serde(default)]
    address_line2: String,
    #[serde(default)]
    city: String,
    #[serde(default)]
    state: String,
    #[serde(default)]
    zip: String,
}

/// `POST /profile/contact`: every part of the address at fault is named at once, beside its
/// field, and nothing changes.
pub async fn contact(
    State(state): State<AppState>,
    who: SignedIn,
    posted: Posted<ContactForm>,
) -> PageResult {
    let f = posted.form;
    let parts = TypedParts {
        line1: f.address_line1,
        line2: f.address_line2,
        city: f.city,
        state: f.state,
        zip: f.zip,
    };
    let changed = state
        .app
        .change_contact(
            &who.session,
            &f.email,
            &f.phone,
            &parts.typed(),
            &who.visitor.client,
        )
        .await;
    match changed {
        Ok(()) => Ok(Redirect::to("/profile?saved=1").into_response()),
        Err(IdentityError::StepUpRequired) => {
            Ok(Redirect::to("/confirm-password?next=/profile/contact").into_response())
        }
        Err(e) => {
            let (status, errors) = refusal(&e, "email", who.visitor.lang.tr())?;
            let errors = contact_errors(who.visitor.lang.tr(), &e, errors);
            let on_file = state.app.contact(who.login).await?.address;
            Ok((
                status,
                render(&ContactPage::new(
                    who.chrome(&state, "profile").await,
                    errors,
                    (f.email, f.phone),
                    parts,
                    &on_file,
                )),
            )
                .into_response())
        }
    }
}

fn password_form(chrome: Chrome, errors: Errors) -> SinglePage {
    let tr = chrome.tr;
    let pw = |name, label: String, autocomplete, hint: String| Field {
        name,
        label,
        kind: "password",
        value: String::new(),
        autocomplete,
        hint,
    };
    SinglePage {
        chrome,
        errors,
        heading: tr.t("profile-password-heading"),
        intro: vec![tr.t("profile-password-intro")],
        action: "/profile/password",
        hidden: Vec::new(),
        fields: vec![
            pw(
                "current",
                tr.t("profile-password-current"),
                "current-password",
                String::new(),
            ),
            pw(
                "password",
                tr.t("profile-password-new"),
                "new-password",
                tr.t("profile-password-new-hint"),
            ),
            pw(
                "confirm",
                tr.t("profile-password-confirm"),
                "new-password",
                String::new(),
            ),
        ],
        button: tr.t("profile-change-password"),
        links: vec![("/profile".into(), tr.t("contact-cancel"))],
    }
}

/// `GET /profile/password`
pub async fn password_page(State(state): State<AppState>, who: SignedIn) -> Response {
    page(
        &who.visitor,
        &Errors::default(),
        &password_form(who.chrome(&state, "profile").await, Errors::default()),
    )
}

/// The password form.
#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: String,
}

/// `POST /profile/password`: every other session ends; this one continues under a new token.
pub async fn password(
    State(state): State<AppState>,
    who: SignedIn,
    posted: Posted<PasswordForm>,
) -> PageResult {
    let f = posted.form;
    match state
        .app
        .change_password(
            &who.session,
            &f.current,
            &f.password,
            &f.confirm,
            &who.visitor.client,
        )
        .await
    {
        Ok(token) => Ok(redirect_with_session("/profile?saved=1", Some(&token))),
        Err(e) => {
            let (status, errors) = refusal(&e, "password", who.visitor.lang.tr())?;
            Ok((
                status,
                render(&password_form(who.chrome(&state, "profile").await, errors)),
            )
                .into_response())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::address::MailingAddress;

    fn contact_html(errors: Errors, typed: TypedParts, on_file: &AddressOnFile) -> String {
        contact_html_in(i18n::Lang::En, errors, typed, on_file)
    }

    fn contact_html_in(
        lang: i18n::Lang,
        errors: Errors,
        typed: TypedParts,
        on_file: &AddressOnFile,
    ) -> String {
        ContactPage::new(
            crate::pages::public("profile", lang),
            errors,
            ("maria.lopez@example.com".into(), String::new()),
            typed,
            on_file,
        )
        .render()
        .unwrap()
    }

    #[test]
    fn the_form_asks_for_each_part_with_its_autocomplete_and_the_state_from_a_list() {
        let on_file = AddressOnFile::Structured(
            MailingAddress::parse(&TypedAddress {
                line1: "1207 W Lawrence Ave",
                line2: "",
                city: "Springfield",
                state: "IL",
                zip: "62704",
            })
            .unwrap(),
        );
        let html = contact_html(Errors::default(), parts_on_file(&on_file), &on_file);
        for shown in [
            r#"name="address_line1" type="text" value="1207 W Lawrence Ave" autocomplete="address-line1""#,
            r#"autocomplete="address-line2""#,
            r#"value="Springfield" autocomplete="address-level2""#,
            r#"<select class="input" id="state" name="state" autocomplete="address-level1">"#,
            r#"<option value="IL" selected>Illinois</option>"#,
            r#"<option value="DC">District of Columbia</option>"#,
            r#"<option value="PR">Puerto Rico</option>"#,
            r#"<option value="AE">Armed Forces Europe, Middle East, Africa, Canada (AE)</option>"#,
            r#"value="62704" autocomplete="postal-code""#,
        ] {
            assert!(html.contains(shown), "{shown} in {html}");
        }
        assert!(!html.contains("Please confirm your mailing address"));
    }

    #[test]
    fn every_wrong_part_is_named_beside_its_field_at_once() {
        let typed = TypedParts {
            line1: "500 S 2nd St".into(),
            state: "ZZ".into(),
            zip: "6270".into(),
            ..TypedParts::default()
        };
        let problems = MailingAddress::parse(&typed.typed()).unwrap_err();
        let errors = Errors::from_identity(&IdentityError::MailingAddress(problems), "email");
        assert_eq!(
            errors.0.iter().map(|(f, _)| *f).collect::<Vec<_>>(),
            ["city", "state", "zip"]
        );
        let on_file = AddressOnFile::NeedsReview {
            as_typed: None,
            zip: "62704".into(),
        };
        let html = contact_html(errors, typed, &on_file);
        for shown in [
            r##"<a href="#city">Enter the city</a>"##,
            r#"id="city-error""#,
            r#"id="state-error""#,
            r#"aria-describedby="state-error" aria-invalid="true""#,
            r#"id="zip-error""#,
            r#"value="500 S 2nd St""#,
            "Enter a 5-digit ZIP code like 62704, or ZIP+4 like 62704-1234",
        ] {
            assert!(html.contains(shown), "{shown} in {html}");
        }
        assert!(!html.contains(" selected>"), "no state is chosen");
    }

    #[test]
    fn an_address_that_needs_review_asks_the_borrower_to_confirm_it() {
        let on_file = AddressOnFile::NeedsReview {
            as_typed: Some("1207 W Lawrence Ave Springfield IL".into()),
            zip: "62704".into(),
        };
        let html = contact_html(Errors::default(), parts_on_file(&on_file), &on_file);
        assert!(
            html.contains("Please confirm your mailing address"),
            "{html}"
        );
        assert!(
            html.contains("We have your address as “1207 W Lawrence Ave Springfield IL”"),
            "{html}"
        );
        assert!(
            html.contains(r#"name="address_line1" type="text" value="""#),
            "the parts are asked for afresh: {html}"
        );
        assert!(html.contains(r#"value="62704" autocomplete="postal-code""#));

        let profile = ProfilePage {
            chrome: crate::pages::public("profile", i18n::Lang::En),
            username: "maria.lopez".into(),
            email: "maria.lopez@example.com".into(),
            phone: "None on file".into(),
            address: on_file.lines(),
            address_needs_review: on_file.needs_review(),
            second_factor: "A code by email".into(),
            paperless: false,
            saved: false,
            languages: i18n::Lang::ALL,
        }
        .render()
        .unwrap();
        assert!(profile.contains("Please confirm your mailing address"));
        assert!(profile.contains(r#"<a href="/profile/contact">Confirm your mailing address</a>"#));
        assert!(
            profile.contains("1207 W Lawrence Ave Springfield IL 62704"),
            "the ZIP once"
        );
    }

    #[test]
    fn every_wrong_part_is_named_in_the_borrowers_language() {
        let typed = TypedParts {
            line1: "500 S 2nd St".into(),
            state: "ZZ".into(),
            zip: "6270".into(),
            ..TypedParts::default()
        };
        let e = IdentityError::MailingAddress(MailingAddress::parse(&typed.typed()).unwrap_err());
        let english = Errors::from_identity(&e, "email");
        let tr = i18n::Lang::Es.tr();
        let errors = contact_errors(tr, &e, english.clone());
        assert_eq!(
            errors.0.iter().map(|(f, _)| *f).collect::<Vec<_>>(),
            english.0.iter().map(|(f, _)| *f).collect::<Vec<_>>(),
            "each message stays on its field"
        );
        assert_eq!(errors.get("city"), Some("Ingrese la ciudad"));
        assert_eq!(
            errors.get("zip"),
            Some("Ingrese un código postal de 5 dígitos como 62704, o ZIP+4 como 62704-1234")
        );
        let on_file = AddressOnFile::NeedsReview {
            as_typed: None,
            zip: "62704".into(),
        };
        let html = contact_html_in(i18n::Lang::Es, errors, typed, &on_file);
        for shown in [
            "Cambie sus datos de contacto",
            "Confirme su dirección postal, por favor",
            "Código postal (ZIP)",
            "Elija un estado",
            r#"<option value="DC">Distrito de Columbia</option>"#,
            r#"<option value="IL">Illinois</option>"#,
        ] {
            assert!(html.contains(shown), "{shown} in {html}");
        }
        for english in [
            "Change your contact details",
            "Enter the city",
            "Please confirm your mailing address",
            "Choose a state",
        ] {
            assert!(!html.contains(english), "{english} in {html}");
        }
    }

    #[test]
    fn every_address_problem_has_words_in_every_language() {
        let problems = [
            AddressError::Line1Missing,
            AddressError::CityMissing,
            AddressError::StateMissing,
            AddressError::ZipMissing,
            AddressError::TooLong {
                field: AddressField::Line1,
                chars: 70,
                max: 64,
            },
            AddressError::Unprintable {
                field: AddressField::City,
            },
            AddressError::StateUnknown,
            AddressError::ZipShape,
        ];
        for p in &problems {
            // The English words are the ones the domain gives.
            assert_eq!(address_problem(i18n::Lang::En.tr(), p), p.to_string());
            let es = address_problem(i18n::Lang::Es.tr(), p);
            assert_ne!(es, p.to_string(), "{p:?} has Spanish words");
        }
        assert_eq!(
            address_problem(i18n::Lang::Es.tr(), &problems[4]),
            "La dirección debe tener 64 caracteres o menos (tiene 70)"
        );
    }
}
