//! The columns form tools add around the answers (times, addresses, ids, scores), in the
//! spellings of their exports and of their localized exports: known so that a long heading
//! among them is not taken for a question the bank lacks.
//!
//! Sources: the CSV exports of Google Forms (its response sheet's `Timestamp` column and quiz
//! `Score`, with the localized headings of its French, Spanish, German, Italian, Portuguese and
//! Dutch interfaces), Microsoft Forms (the Excel download), Canvas (the quiz Student Analysis
//! report), `SurveyMonkey` (the respondent columns), Qualtrics (its short names and the
//! question-text row) and Moodle (the quiz Responses report).

/// Headings of the email column, English first, then the localized spellings of Google Forms
/// and Microsoft Forms: the candidate column of a wide sheet when none is named.
pub(super) const EMAIL: &[&str] = &[
    "email",
    "email address",
    "e-mail",
    "recipient email",
    "adresse e-mail",
    "adresse email",
    "adresse de messagerie",
    "dirección de correo electrónico",
    "correo electrónico",
    "e-mail-adresse",
    "indirizzo email",
    "endereço de e-mail",
    "e-mailadres",
];

/// Headings of metadata columns, compared without case and with runs of spaces as one.
const KNOWN: &[&str] = &[
    // Google Forms, and its localized sheets.
    "timestamp",
    "email address",
    "score",
    "total score",
    "horodateur",
    "adresse e-mail",
    "adresse email",
    "marca temporal",
    "dirección de correo electrónico",
    "correo electrónico",
    "puntuación",
    "zeitstempel",
    "e-mail-adresse",
    "punktzahl",
    "informazioni cronologiche",
    "indirizzo email",
    "punteggio",
    "carimbo de data/hora",
    "endereço de e-mail",
    "pontuação",
    "tijdstempel",
    "e-mailadres",
    // Microsoft Forms, and its French, Spanish and German downloads.
    "id",
    "start time",
    "completion time",
    "email",
    "name",
    "last modified time",
    "total points",
    "quiz feedback",
    "heure de début",
    "heure de fin",
    "adresse de messagerie",
    "nom",
    "heure de la dernière modification",
    "total des points",
    "hora de inicio",
    "hora de finalización",
    "nombre",
    "hora de la última modificación",
    "puntos totales",
    "startzeit",
    "fertigstellungszeit",
    "e-mail",
    "zeitpunkt der letzten änderung",
    "gesamtpunktzahl",
    // Canvas, quiz Student Analysis.
    "sis_id",
    "section",
    "section_id",
    "section_sis_id",
    "submitted",
    "attempt",
    "n correct",
    "n incorrect",
    // SurveyMonkey.
    "respondent id",
    "collector id",
    "start date",
    "end date",
    "ip address",
    "first name",
    "last name",
    // Qualtrics: short names, then the question-text row.
    "startdate",
    "enddate",
    "status",
    "ipaddress",
    "progress",
    "duration (in seconds)",
    "finished",
    "recordeddate",
    "responseid",
    "recipientlastname",
    "recipientfirstname",
    "recipientemail",
    "externalreference",
    "locationlatitude",
    "locationlongitude",
    "distributionchannel",
    "userlanguage",
    "response type",
    "recorded date",
    "response id",
    "recipient last name",
    "recipient first name",
    "recipient email",
    "external data reference",
    "location latitude",
    "location longitude",
    "distribution channel",
    "user language",
    // Moodle, quiz Responses report (its `Email address` is Google's).
    "state",
    "started on",
    "completed",
    "time taken",
];

/// Starts of metadata headings that go on with a number or a question's text: `SurveyMonkey`'s
/// `Custom Data 1`, Moodle's `Grade/10.00`, `Response 1` and `Right answer 1`, Qualtrics'
/// `Q_RecaptchaScore`, and Microsoft Forms quizzes' `Points - <question>` and
/// `Feedback - <question>` (`Points – …`, `Commentaires – …` in French).
const PREFIXES: &[&str] = &[
    "custom data ",
    "grade/",
    "response ",
    "right answer ",
    "q_",
    "points - ",
    "points – ",
    "feedback - ",
    "feedback – ",
    "commentaires - ",
    "commentaires – ",
    "puntos - ",
    "comentarios - ",
    "punkte - ",
];

/// Ends of the columns Google Forms quizzes put beside a question's answer: `<question>
/// [Score]` and `<question> [Feedback]`, and their localized spellings.
const SUFFIXES: &[&str] = &[
    "[score]",
    "[feedback]",
    "[note]",
    "[commentaires]",
    "[puntuación]",
    "[comentarios]",
    "[punktzahl]",
    "[punteggio]",
    "[pontuação]",
];

/// Whether `header` is a metadata column of a form tool (see the module documentation).
pub(super) fn is_metadata(header: &str) -> bool {
    let key = header.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    KNOWN.contains(&key.as_str())
        || PREFIXES.iter().any(|p| key.starts_with(p))
        || SUFFIXES.iter().any(|s| key.ends_with(s))
}

#[cfg(test)]
mod tests {
    use super::is_metadata;

    #[test]
    fn every_tool_s_metadata_headings_are_known_in_any_case_and_spacing() {
        for header in [
            "Timestamp",
            "Horodateur",
            "Marca temporal",
            "Zeitstempel",
            "Email Address",
            "Score",
            "Dirección de correo electrónico",
            "Last modified time",
            "Heure de la dernière modification",
            "n  correct",
            "section_sis_id",
            "Custom Data 1",
            "Duration (in seconds)",
            "Recipient Last Name",
            "DistributionChannel",
            "Q_RecaptchaScore",
            "Grade/10.00",
            "Points - What is consistent hashing and why is it used?",
            "What is consistent hashing and why is it used? [Score]",
        ] {
            assert!(is_metadata(header), "{header}");
        }
        for header in ["What is consistent hashing?", "Comments, if any, on the test", "ring"] {
            assert!(!is_metadata(header), "{header}");
        }
    }
}
