"""Survey tools' own words: the headers of their identity columns, their decorations, their yes/no.

Tool vocabulary, not text we show: headers are compared after `survey_match.normalise` (case, accents
and punctuation dropped; an underscore counts as a space, so "start_time" stands for "Start time").
Sources, and what could be confirmed: tests/fixtures/surveys/README.md.
"""

from __future__ import annotations

# Columns that say who answered, or when, or from where: dropped on reading, their cells never read.
IDENTITY_HEADERS = frozenset(
    {
        # generic, en / fr / nl
        "id",
        "respondent",
        "respondent_id",
        "email",
        "e_mail",
        "name",
        "full_name",
        "first_name",
        "last_name",
        "surname",
        "user",
        "username",
        "user_name",
        "login",
        "timestamp",
        "date",
        "time",
        "ip",
        "ip_address",
        "language",
        "phone",
        "courriel",
        "adresse_courriel",
        "nom",
        "prenom",
        "nom_complet",
        "identifiant",
        "utilisateur",
        "nom_d_utilisateur",
        "heure",
        "adresse_ip",
        "langue",
        "telephone",
        "naam",
        "voornaam",
        "achternaam",
        "volledige_naam",
        "gebruiker",
        "gebruikersnaam",
        "datum",
        "tijd",
        "ip_adres",
        "taal",
        "telefoon",
        # Microsoft Forms (.xlsx), en / fr / nl
        "start_time",
        "completion_time",
        "last_modified_time",
        "heure_de_debut",
        "heure_de_fin",
        "heure_de_la_derniere_modification",
        "adresse_de_messagerie",
        "begintijd",
        "eindtijd",
        "tijdstip_van_voltooien",
        "voltooiingstijd",
        "tijdstip_van_laatste_wijziging",
        "laatst_gewijzigd",
        "heure_de_derniere_modification",
        "tijd_van_voltooiing",
        "tijdstip_laatste_wijziging",
        "laatst_gewijzigde_tijd",
        # Google Forms
        "email_address",
        "horodateur",
        "adresse_e_mail",
        "adresse_email",
        "tijdstempel",
        "e_mailadres",
        # LimeSurvey: full headers, then the codes of "question code" headers
        "response_id",
        "date_submitted",
        "last_page",
        "start_language",
        "seed",
        "date_started",
        "date_last_action",
        "referrer_url",
        "token",
        "id_de_la_reponse",
        "date_de_soumission",
        "derniere_page",
        "langue_de_depart",
        "date_de_debut",
        "date_de_la_derniere_action",
        "url_referente",
        "id_de_reponse",
        "date_d_envoi",
        "langue_de_demarrage",
        "date_de_derniere_action",
        "url_de_reference",
        "datum_ingediend",
        "datum_gestart",
        "antwoord_id",
        "datum_verstuurd",
        "laatste_pagina",
        "starttaal",
        "startdatum",
        "datum_laatste_actie",
        "verwijzende_url",
        "submitdate",
        "lastpage",
        "startlanguage",
        "startdate",
        "datestamp",
        "ipaddr",
        "refurl",
        # Framaforms / Drupal Webform ("Submitted Time", "Completed Time", "Modified Time": the Webform
        # bundled with Yakforms, the software behind Framaforms; older Webform 7 releases say "Time")
        "serial",
        "submitted_time",
        "completed_time",
        "modified_time",
        "sid",
        "uid",
        "uuid",
        "submitted",
        "completed",
        "changed",
        "draft",
        "numero",
        "serie",
        "envoye",
        "soumis",
        "brouillon",
        "modifie",
        "termine",
        "volgnummer",
        "verzonden",
        "ingediend",
        "concept",
        "gewijzigd",
        "voltooid",
    }
)

# Headers of AI usage reports (Microsoft 365 admin centre: every usage report starts with the refresh
# date; users by principal name): such a file belongs on the self-assessment page, and we say so.
USAGE_REPORT_HEADERS = frozenset({"report_refresh_date", "user_principal_name"})

# Header beginnings of columns a tool adds beside a question (Microsoft Forms quizzes): not answers.
TOOL_COLUMN_PREFIXES = ("points", "feedback", "commentaires", "punten", "total_points", "quiz_feedback")

# Marks a tool adds to a required or optional question's title, compared after normalising.
OPTIONAL_MARKS = ("optional", "facultatif", "optionnel", "niet_verplicht", "optioneel")

# A ticked box in a one-column-per-option export (LimeSurvey "Y", or "Yes" when converted).
TICKED = frozenset({"y", "yes", "oui", "ja", "1", "x", "true", "vrai", "waar"})
