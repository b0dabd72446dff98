"""Message catalogue: every error the engine can raise (and a few notes), in English and French.

Messages are looked up by code so that the same error can be shown in the language of
whoever reads it (CLI user, browser visitor). Placeholders in braces are filled from the
error's parameters; every message names what is wrong and the form that was expected.
"""

from __future__ import annotations

from collections.abc import Mapping

LANGS: tuple[str, ...] = ("en", "fr")

CATALOGUE: dict[str, dict[str, str]] = {
    # --- model file (YAML) ---------------------------------------------------------------
    "model.not_found": {
        "en": "model file not found",
        "fr": "fichier de modèle introuvable",
    },
    "model.yaml_syntax": {
        "en": "invalid YAML: {problem}",
        "fr": "YAML invalide : {problem}",
    },
    "model.duplicate_key": {
        "en": 'key "{key}" appears twice in the same mapping',
        "fr": "la clé « {key} » apparaît deux fois dans le même bloc",
    },
    "model.not_mapping": {
        "en": "{path}: expected a mapping of keys to values, got {got}",
        "fr": "{path} : un ensemble clé-valeur est attendu, reçu {got}",
    },
    "model.missing_key": {
        "en": '{path}: required key "{key}" is missing',
        "fr": "{path} : la clé obligatoire « {key} » est absente",
    },
    "model.unknown_key": {
        "en": '{path}: unknown key "{key}" (allowed keys: {allowed})',
        "fr": "{path} : clé inconnue « {key} » (clés autorisées : {allowed})",
    },
    "model.not_list": {
        "en": "{path}: expected a non-empty list, got {got}",
        "fr": "{path} : une liste non vide est attendue, reçu {got}",
    },
    "model.bad_string": {
        "en": "{path}: expected a non-empty string, got {got}",
        "fr": "{path} : une chaîne non vide est attendue, reçu {got}",
    },
    "model.bad_id": {
        "en": "{path}: {got} is not a valid id (expected snake_case: a lowercase letter, "
        "then lowercase letters, digits or _)",
        "fr": "{path} : {got} n'est pas un identifiant valide (attendu : snake_case, une "
        "minuscule puis des minuscules, chiffres ou _)",
    },
    "model.bad_anchor": {
        "en": '{path}: {got} is not a valid anchor (expected kebab-case such as "usage-gap")',
        "fr": "{path} : {got} n'est pas une ancre valide (attendu : kebab-case, par exemple « usage-gap »)",
    },
    "model.bad_version": {
        "en": '{path}: {got} is not a valid version (expected a quoted string such as "1.0.0")',
        "fr": "{path} : {got} n'est pas une version valide (attendu : une chaîne entre "
        "guillemets comme « 1.0.0 »)",
    },
    "model.bad_text": {
        "en": '{path}: expected a text with "en" and "fr" keys, got {got}',
        "fr": "{path} : un texte avec les clés « en » et « fr » est attendu, reçu {got}",
    },
    "model.missing_translation": {
        "en": '{path}: the "{lang}" text is missing or empty (every text needs non-empty "en" and "fr")',
        "fr": "{path} : le texte « {lang} » est absent ou vide (chaque texte doit avoir "
        "« en » et « fr » non vides)",
    },
    "model.text_lengths": {
        "en": '{path}: the "en" and "fr" lists must have the same number of items (en: {en}, fr: {fr})',
        "fr": "{path} : les listes « en » et « fr » doivent avoir le même nombre d'éléments "
        "(en : {en}, fr : {fr})",
    },
    "model.bad_number": {
        "en": "{path}: expected a number in {expected}, got {got}",
        "fr": "{path} : un nombre dans {expected} est attendu, reçu {got}",
    },
    "model.bad_integer": {
        "en": "{path}: expected a whole number in {expected}, got {got}",
        "fr": "{path} : un nombre entier dans {expected} est attendu, reçu {got}",
    },
    "model.bad_bool": {
        "en": "{path}: expected true or false, got {got}",
        "fr": "{path} : true ou false est attendu, reçu {got}",
    },
    "model.bad_choice": {
        "en": "{path}: expected one of {allowed}, got {got}",
        "fr": "{path} : une valeur parmi {allowed} est attendue, reçu {got}",
    },
    "model.duplicate_id": {
        "en": '{path}: duplicate id "{id}" (ids must be unique within a list)',
        "fr": "{path} : identifiant « {id} » en double (les identifiants doivent être uniques "
        "dans une liste)",
    },
    "model.unknown_ref": {
        "en": '{path}: {got} is not an id listed under "{section}" (known: {known})',
        "fr": "{path} : {got} ne figure pas parmi les identifiants de « {section} » (connus : {known})",
    },
    "model.missing_item": {
        "en": '{path}: "{id}" is missing (this list must contain: {expected})',
        "fr": "{path} : « {id} » est absent (cette liste doit contenir : {expected})",
    },
    "model.missing_dont_know": {
        "en": '{path}: question "{id}" must end with the option {{id: dont_know, dont_know: true}}',
        "fr": "{path} : la question « {id} » doit se terminer par l'option "
        "{{id: dont_know, dont_know: true}}",
    },
    "model.misplaced_dont_know": {
        "en": '{path}: only the last option, with id "dont_know", may be marked '
        "dont_know: true, and it must not have points",
        "fr": "{path} : seule la dernière option, d'identifiant « dont_know », peut porter "
        "dont_know: true, et elle ne doit pas avoir de points",
    },
    "model.missing_points": {
        "en": '{path}: option "{id}" needs points (a number in [0, 1])',
        "fr": "{path} : l'option « {id} » doit avoir des points (un nombre dans [0, 1])",
    },
    "model.scale_ends": {
        "en": '{path}: question "{id}" needs an option worth 0 and an option worth 1 so both '
        "ends of the scale are reachable (lowest: {low}, highest: {high})",
        "fr": "{path} : la question « {id} » doit avoir une option à 0 et une option à 1 pour "
        "que les deux extrémités de l'échelle soient atteignables (minimum : {low}, "
        "maximum : {high})",
    },
    "model.too_few_questions": {
        "en": '{path}: dimension "{id}" has {count} choice question(s) but needs at least '
        "min_answers ({minimum}) to ever be scored",
        "fr": "{path} : la dimension « {id} » a {count} question(s) à choix mais il en faut au "
        "moins min_answers ({minimum}) pour qu'elle puisse être notée",
    },
    "model.min_max": {
        "en": "{path}: min ({min}) must be lower than max ({max})",
        "fr": "{path} : min ({min}) doit être inférieur à max ({max})",
    },
    "model.bands_start": {
        "en": "{path}: the first band must start at 0, not {got}",
        "fr": "{path} : la première tranche doit commencer à 0, et non à {got}",
    },
    "model.bands_gap": {
        "en": '{path}: band "{id}" starts at {got} but the previous band ends at {expected} '
        "(bands must follow each other without gap or overlap)",
        "fr": "{path} : la tranche « {id} » commence à {got} mais la précédente finit à "
        "{expected} (les tranches doivent se suivre sans trou ni chevauchement)",
    },
    "model.bands_end": {
        "en": "{path}: the last band must end at 100, not {got}",
        "fr": "{path} : la dernière tranche doit finir à 100, et non à {got}",
    },
    "model.phase_order": {
        "en": "{path}: phase orders must be 1 to {count}, each used once; got {got}",
        "fr": "{path} : les ordres des phases doivent aller de 1 à {count}, chacun une fois ; reçu {got}",
    },
    "model.empty_trigger": {
        "en": '{path}: recommendation "{id}" needs at least one dimension or anti-pattern',
        "fr": "{path} : la recommandation « {id} » doit viser au moins une dimension ou un anti-pattern",
    },
    "model.uncovered": {
        "en": 'recommendations: "{id}" (listed under "{section}") is not covered by any recommendation',
        "fr": "recommendations : « {id} » (dans « {section} ») n'est couvert par aucune recommandation",
    },
    # model: versions and "not applicable" options (changes section of the model)
    "model.misplaced_not_applicable": {
        "en": '{path}: only an option with id "not_applicable", placed just before "dont_know", may be '
        "marked not_applicable: true, and it must not have points",
        "fr": "{path} : seule une option d'identifiant « not_applicable », placée juste avant "
        "« dont_know », peut porter not_applicable: true, et elle ne doit pas avoir de points",
    },
    "model.bad_date": {
        "en": '{path}: {got} is not a date (expected a quoted date such as "2026-12-02")',
        "fr": "{path} : {got} n'est pas une date (attendu : une date entre guillemets comme « 2026-12-02 »)",
    },
    "model.bad_layout": {
        "en": "{path}: {got} is not a layout fingerprint (expected 8 lowercase hexadecimal digits)",
        "fr": "{path} : {got} n'est pas une empreinte de disposition (attendu : 8 chiffres hexadécimaux "
        "en minuscules)",
    },
    "model.version_order": {
        "en": "{path}: versions must be listed newest first, each once, none newer than the model's "
        "version ({current})",
        "fr": "{path} : les versions doivent être listées de la plus récente à la plus ancienne, une fois "
        "chacune, aucune n'étant plus récente que la version du modèle ({current})",
    },
    "model.layout_changed": {
        "en": "{path}: the questions of version {version} no longer match what its codes hold (recorded "
        "{got}, computed {expected}). Keep existing questions and options in their order, or mark the "
        "new version breaking: true. A new entry takes the computed value.",
        "fr": "{path} : les questions de la version {version} ne correspondent plus à ce que ses codes "
        "contiennent (enregistré {got}, calculé {expected}). Gardez l'ordre des questions et des options "
        "existantes, ou marquez la nouvelle version breaking: true. Une nouvelle entrée prend la valeur "
        "calculée.",
    },
    # --- answers -------------------------------------------------------------------------
    "answers.not_object": {
        "en": "answers must be a mapping of question ids to option ids or numbers, got {got}",
        "fr": "les réponses doivent associer des identifiants de question à des identifiants "
        "d'option ou à des nombres, reçu {got}",
    },
    "answers.unknown_question": {
        "en": 'unknown question "{id}" (run "python -m assessments describe" for the list)',
        "fr": "question inconnue « {id} » (la liste s'obtient avec « python -m assessments describe »)",
    },
    "answers.not_option": {
        "en": 'question "{id}": expected an option id as text, got {got}',
        "fr": "question « {id} » : un identifiant d'option (texte) est attendu, reçu {got}",
    },
    "answers.unknown_option": {
        "en": 'question "{id}": unknown option {got} (expected one of: {allowed})',
        "fr": "question « {id} » : option inconnue {got} (valeurs possibles : {allowed})",
    },
    "answers.not_number": {
        "en": 'question "{id}": expected a finite number, got {got}',
        "fr": "question « {id} » : un nombre fini est attendu, reçu {got}",
    },
    "answers.not_integer": {
        "en": 'question "{id}": expected a whole number, got {got}',
        "fr": "question « {id} » : un nombre entier est attendu, reçu {got}",
    },
    "answers.out_of_range": {
        "en": 'question "{id}": {got} is outside the allowed range {min} to {max}',
        "fr": "question « {id} » : {got} est hors de l'intervalle autorisé, de {min} à {max}",
    },
    "answers.exceeds": {
        "en": 'question "{id}": {got} cannot be greater than "{other}" ({limit})',
        "fr": "question « {id} » : {got} ne peut pas dépasser « {other} » ({limit})",
    },
    "answers.no_seats": {
        "en": 'question "{id}" is given while "{seats}" is 0: there can be no users without accounts',
        "fr": "la question « {id} » est renseignée alors que « {seats} » vaut 0 : il ne peut "
        "pas y avoir d'utilisateurs sans compte",
    },
    "lang.unknown": {
        "en": 'unknown language {got} (expected "en" or "fr")',
        "fr": "langue inconnue {got} (attendu : « en » ou « fr »)",
    },
    # --- input files and CLI -------------------------------------------------------------
    "input.missing_file": {
        "en": "file not found",
        "fr": "fichier introuvable",
    },
    "input.unreadable": {
        "en": "cannot read the file ({reason})",
        "fr": "impossible de lire le fichier ({reason})",
    },
    "input.unwritable": {
        "en": "cannot write the file ({reason})",
        "fr": "impossible d'écrire le fichier ({reason})",
    },
    "input.too_large": {
        "en": "the file is larger than {limit} MB",
        "fr": "le fichier dépasse {limit} Mo",
    },
    "input.not_utf8": {
        "en": "the file is not valid UTF-8 text",
        "fr": "le fichier n'est pas un texte UTF-8 valide",
    },
    # trust: control characters in input files (cli.py check_controls)
    "input.nul_byte": {
        "en": "the file holds a NUL byte ({char}): expected a text file (UTF-8 CSV or JSON)",
        "fr": "le fichier contient un octet NUL ({char}) : un fichier texte est attendu (CSV ou JSON "
        "en UTF-8)",
    },
    "input.control_character": {
        "en": "the file holds the control character {char} (terminal escape sequences are refused): "
        "expected plain text",
        "fr": "le fichier contient le caractère de contrôle {char} (les séquences d'échappement de "
        "terminal sont refusées) : du texte simple est attendu",
    },
    "input.bad_json": {
        "en": "invalid JSON at line {line}, column {column}",
        "fr": "JSON invalide à la ligne {line}, colonne {column}",
    },
    "input.too_deep": {
        "en": "the JSON is nested too deeply",
        "fr": "le JSON est imbriqué trop profondément",
    },
    "input.duplicate_key": {
        "en": 'key "{key}" appears twice in the same JSON object',
        "fr": "la clé « {key} » apparaît deux fois dans le même objet JSON",
    },
    "input.not_object": {
        "en": 'expected a JSON object such as {{"assessment": "resistance", "answers": {{...}}}}, got {got}',
        "fr": "un objet JSON est attendu, par exemple "
        '{{"assessment": "resistance", "answers": {{...}}}}, reçu {got}',
    },
    "input.missing_key": {
        "en": 'the JSON object has no "{key}" key',
        "fr": "l'objet JSON n'a pas de clé « {key} »",
    },
    "input.unknown_key": {
        "en": 'unknown key "{key}" (expected "assessment", "answers" and optionally "model_version", '
        '"lang", "exported", "actions", "result")',
        "fr": "clé inconnue « {key} » (attendu : « assessment », « answers » et, en option, "
        "« model_version », « lang », « exported », « actions », « result »)",
    },
    "input.answers_not_object": {
        "en": '"answers" must be an object mapping question ids to option ids or numbers, got {got}',
        "fr": "« answers » doit être un objet associant des identifiants de question à des "
        "identifiants d'option ou à des nombres, reçu {got}",
    },
    "input.unknown_assessment": {
        "en": "unknown assessment {got} (available: {available})",
        "fr": "questionnaire inconnu {got} (disponibles : {available})",
    },
    "input.bad_csv": {
        "en": "invalid CSV near line {line}",
        "fr": "CSV invalide vers la ligne {line}",
    },
    "input.csv_no_header": {
        "en": "the CSV file is empty; expected a header row of question ids",
        "fr": "le fichier CSV est vide ; une ligne d'en-tête avec les identifiants de question est attendue",
    },
    "input.csv_no_rows": {
        "en": "the CSV file has a header but no respondent rows",
        "fr": "le fichier CSV a un en-tête mais aucune ligne de répondant",
    },
    "input.csv_unknown_column": {
        "en": 'unknown column "{column}" (expected "respondent" or a question id)',
        "fr": "colonne inconnue « {column} » (attendu : « respondent » ou un identifiant de question)",
    },
    "input.csv_duplicate_column": {
        "en": 'column "{column}" appears more than once',
        "fr": "la colonne « {column} » apparaît plusieurs fois",
    },
    "input.csv_extra_cells": {
        "en": "this row has more cells than the header has columns",
        "fr": "cette ligne a plus de cellules que l'en-tête n'a de colonnes",
    },
    "input.bad_action": {
        "en": 'action for recommendation "{id}" must be an object with "owner" and "due", got {got}',
        "fr": "l'action de la recommandation « {id} » doit être un objet avec « owner » et « due », "
        "reçu {got}",
    },
    "input.bad_owner": {
        "en": 'the owner of recommendation "{id}" must be plain text (no control or direction-changing '
        "characters) of at most {limit} characters",
        "fr": "le responsable de la recommandation « {id} » doit être un texte simple (sans caractère de "
        "contrôle ni d'inversion du sens d'écriture) de {limit} caractères au plus",
    },
    "input.bad_due": {
        "en": 'the due date of recommendation "{id}" must be a date such as 2026-12-31, got {got}',
        "fr": "l'échéance de la recommandation « {id} » doit être une date comme 2026-12-31, reçu {got}",
    },
    "input.actions_not_object": {
        "en": '"actions" must be an object mapping recommendation ids to an owner and a due date, got {got}',
        "fr": "« actions » doit être un objet associant des identifiants de recommandation à un "
        "responsable et une échéance, reçu {got}",
    },
    "input.unknown_recommendation": {
        "en": 'unknown recommendation "{id}" in "actions"',
        "fr": "recommandation inconnue « {id} » dans « actions »",
    },
    "input.bad_version": {
        "en": '"model_version" must be text such as "1.0.0", got {got}',
        "fr": "« model_version » doit être un texte comme « 1.0.0 », reçu {got}",
    },
    "input.other_version": {
        "en": "these answers were given for version {got} of the questionnaire; this is version {expected}",
        "fr": "ces réponses ont été données pour la version {got} du questionnaire ; celle-ci est la "
        "version {expected}",
    },
    "share.malformed": {
        "en": "the link is incomplete or has been altered (expected a code such as r1~1.0.0~…)",
        "fr": "le lien est incomplet ou a été modifié (un code comme r1~1.0.0~… est attendu)",
    },
    "share.too_long": {
        "en": "the code is longer than {limit} characters, so it cannot come from this site",
        "fr": "le code dépasse {limit} caractères : il ne peut pas venir de ce site",
    },
    "share.checksum": {
        "en": "the link's checksum does not match: it has been altered or cut",
        "fr": "la somme de contrôle du lien ne correspond pas : il a été modifié ou tronqué",
    },
    "share.other_version": {
        "en": "the link was made with version {got} of the questionnaire; this is version {expected}",
        "fr": "le lien a été créé avec la version {got} du questionnaire ; "
        "celle-ci est la version {expected}",
    },
    "share.bad_answer": {
        "en": "the link holds an answer that does not exist at position {position}",
        "fr": "le lien contient une réponse inexistante en position {position}",
    },
    # --- anonymous team response codes (team.py) ------------------------------------------
    "team.malformed": {
        "en": "this is not a complete response code (expected a code such as t1~1.0.0~s~20261122~…)",
        "fr": "ce n'est pas un code de réponse complet (un code comme t1~1.0.0~s~20261122~… est attendu)",
    },
    "team.too_long": {
        "en": "the code is longer than {limit} characters, so it cannot be a response code from this site",
        "fr": "le code dépasse {limit} caractères : ce ne peut pas être un code de réponse de ce site",
    },
    "team.share_link": {
        "en": "this is a share link code (r1~…), not an anonymous response code (t1~…): ask the "
        "respondent for the response code shown at the end of the assessment",
        "fr": "c'est un code de lien de partage (r1~…), pas un code de réponse anonyme (t1~…) : "
        "demandez le code de réponse affiché à la fin de l'évaluation",
    },
    "team.checksum": {
        "en": "the code's checksum does not match: it has been altered or cut (expected the code "
        "exactly as copied)",
        "fr": "la somme de contrôle du code ne correspond pas : il a été modifié ou tronqué (attendu : "
        "le code tel qu'il a été copié)",
    },
    "team.other_version": {
        "en": "the code was made with version {got} of the questionnaire; this is version {expected} "
        "(only codes of the same version can be combined)",
        "fr": "le code a été créé avec la version {got} du questionnaire ; celle-ci est la version "
        "{expected} (seuls des codes de la même version peuvent être combinés)",
    },
    "team.bad_role": {
        "en": 'unknown role {got} (expected "leadership", "manager", "staff" or none; '
        "in a code: l, m, s or -)",
        "fr": "rôle inconnu {got} (attendu : « leadership », « manager », « staff » ou aucun ; "
        "dans un code : l, m, s ou -)",
    },
    "team.bad_day": {
        "en": "{got} is not a valid day (expected a date such as 2026-11-22; in a code: 20261122)",
        "fr": "{got} n'est pas un jour valide (attendu : une date comme 2026-11-22 ; "
        "dans un code : 20261122)",
    },
    "team.bad_answer": {
        "en": "the code holds an answer that does not exist at position {position}",
        "fr": "le code contient une réponse inexistante en position {position}",
    },
    "team.not_text": {
        "en": "expected response codes as text or as a list of texts, got {got}",
        "fr": "des codes de réponse sont attendus, sous forme de texte ou de liste de textes, reçu {got}",
    },
    "team.too_many": {
        "en": "more than {limit} codes were given (expected at most {limit}, one per respondent)",
        "fr": "plus de {limit} codes ont été fournis (attendu : {limit} au plus, un par répondant)",
    },
    "team.code_too_long": {
        "en": "item {position} is longer than {limit} characters, so it cannot be a response code "
        "(expected codes separated by new lines, spaces or commas)",
        "fr": "l'élément {position} dépasse {limit} caractères : ce ne peut pas être un code de réponse "
        "(attendu : des codes séparés par des retours à la ligne, des espaces ou des virgules)",
    },
    # trust: one canonical spelling per code (team.py check_canonical) ---------------------------
    "team.checksum_case": {
        "en": "the checksum {got} is written with capital letters; response codes are lower case "
        "(expected {expected}, the code exactly as the site showed it)",
        "fr": "la somme de contrôle {got} contient des majuscules ; les codes de réponse sont en "
        "minuscules (attendu : {expected}, le code tel que le site l'a affiché)",
    },
    "team.figure_spelling": {
        "en": 'figure {position} is written "{got}"; a response code writes it "{expected}" (codes '
        "are pasted as copied, never retyped: another spelling of a number is refused so that one "
        "person's answers cannot pass for several people)",
        "fr": "le chiffre {position} est écrit « {got} » ; un code de réponse l'écrit « {expected} » "
        "(les codes se collent tels qu'ils ont été copiés, sans être retapés : une autre écriture du "
        "même nombre est refusée pour que les réponses d'une personne ne comptent pas pour plusieurs)",
    },
    "team.bad_option": {
        "en": "count_identical must be true or false, got {got}",
        "fr": "count_identical doit valoir true ou false, reçu {got}",
    },
    "team.no_codes": {
        "en": "no response code was given (expected codes such as t1~1.0.0~…, or files holding "
        "one code a line)",
        "fr": "aucun code de réponse n'a été fourni (attendu : des codes comme t1~1.0.0~…, ou des "
        "fichiers avec un code par ligne)",
    },
    # --- comparisons (compare.py) ----------------------------------------------------------
    "compare.not_result": {
        "en": "the {side} document is not a result of this engine, got {got} (expected a result, a "
        "team aggregate, or a JSON export of the assessment)",
        "fr": "le document « {side} » n'est pas un résultat de ce moteur, reçu {got} (attendu : un "
        "résultat, une synthèse d'équipe ou un export JSON de l'évaluation)",
    },
    "compare.other_kind": {
        "en": "cannot compare a {before} with a {after} (expected two individual results or two team "
        "aggregates)",
        "fr": "impossible de comparer {before} avec {after} (attendu : deux résultats individuels ou "
        "deux synthèses d'équipe)",
    },
    "compare.other_assessment": {
        "en": "the documents belong to different assessments ({before} and {after}); expected the same one",
        "fr": "les documents portent sur des questionnaires différents ({before} et {after}) ; "
        "le même est attendu",
    },
    "compare.too_few": {
        "en": "the {side} team aggregate has fewer than {minimum} valid responses, so it holds no "
        "statistics to compare",
        "fr": "la synthèse d'équipe « {side} » compte moins de {minimum} réponses valides : elle ne "
        "contient aucune statistique à comparer",
    },
    "compare.missing_key": {
        "en": 'the {side} document is not a result of this engine: key "{key}" is missing (expected a '
        "result, a team aggregate, or a JSON export of the assessment)",
        "fr": "le document « {side} » n'est pas un résultat de ce moteur : la clé « {key} » est absente "
        "(attendu : un résultat, une synthèse d'équipe ou un export JSON de l'évaluation)",
    },
    "compare.bad_score": {
        "en": 'the {side} document is not a result of this engine: "{key}" holds {got} '
        "(expected null or a number from 0 to 100)",
        "fr": "le document « {side} » n'est pas un résultat de ce moteur : « {key} » contient {got} "
        "(attendu : null ou un nombre de 0 à 100)",
    },
    "compare.bad_text": {
        "en": 'the {side} document is not a result of this engine: "{key}" holds {got} '
        "(expected a non-empty string)",
        "fr": "le document « {side} » n'est pas un résultat de ce moteur : « {key} » contient {got} "
        "(attendu : une chaîne non vide)",
    },
    "compare.bad_band": {
        "en": 'the {side} document is not a result of this engine: "{key}" holds {got} '
        '(expected null or an object with "id" and "label")',
        "fr": "le document « {side} » n'est pas un résultat de ce moteur : « {key} » contient {got} "
        "(attendu : null ou un objet avec « id » et « label »)",
    },
    "compare.bad_entries": {
        "en": 'the {side} document is not a result of this engine: "{key}" holds {got} '
        '(expected a list of objects with "id" and "label" (or "title"))',
        "fr": "le document « {side} » n'est pas un résultat de ce moteur : « {key} » contient {got} "
        "(attendu : une liste d'objets avec « id » et « label » (ou « title »))",
    },
    # --- notes shown with results (not errors) ---------------------------------------------
    "note.gap_meaning": {
        "en": "Gap = staff median minus leadership median. A positive gap means staff see more "
        "resistance than leadership does.",
        "fr": "Écart = médiane des salariés moins médiane de la direction. Un écart positif signifie "
        "que les salariés perçoivent plus de résistance que la direction.",
    },
    "note.gap_too_few": {
        "en": "No perception gap: it needs at least {minimum} responses from leadership and {minimum} "
        "from staff.",
        "fr": "Pas d'écart de perception : il faut au moins {minimum} réponses de la direction et "
        "{minimum} des salariés.",
    },
    "note.other_versions": {
        "en": "The two documents use different model versions ({before} and {after}): only the "
        "dimensions present in both are compared.",
        "fr": "Les deux documents utilisent des versions différentes du modèle ({before} et {after}) : "
        "seules les dimensions présentes dans les deux sont comparées.",
    },
    # model: notices about older versions (versions.py)
    "note.older_version": {
        "en": "These answers were made with version {old} of the questionnaire; this is version {new}. "
        "Every answer was kept; the questions added since then ({added}) show as not answered.",
        "fr": "Ces réponses ont été données avec la version {old} du questionnaire ; voici la version "
        "{new}. Toutes les réponses ont été conservées ; les questions ajoutées depuis ({added}) "
        "apparaissent sans réponse.",
    },
    "note.mixed_versions": {
        "en": "Codes from several versions of the questionnaire were pooled: {versions}. To compare like "
        "with like, everyone is scored on the questions these versions share; the questions added after "
        "version {oldest} ({dropped}) are left out of this report.",
        "fr": "Des codes de plusieurs versions du questionnaire ont été réunis : {versions}. Pour comparer "
        "ce qui est comparable, chacun est évalué sur les questions communes à ces versions ; les "
        "questions ajoutées après la version {oldest} ({dropped}) sont laissées de côté dans ce rapport.",
    },
    "note.team_older_version": {
        "en": "Every code was made with version {oldest} of the questionnaire; this is version {new}. The "
        "questions added since then ({dropped}) are not in these codes and are left out of this report.",
        "fr": "Tous les codes ont été créés avec la version {oldest} du questionnaire ; voici la version "
        "{new}. Les questions ajoutées depuis ({dropped}) ne figurent pas dans ces codes et sont "
        "laissées de côté dans ce rapport.",
    },
    "note.changes_heading": {
        "en": "What changed in version {version} ({date}):",
        "fr": "Ce qui a changé dans la version {version} ({date}) :",
    },
    "cli.note": {
        "en": "note: {message}",
        "fr": "remarque : {message}",
    },
    "bridge.unknown_method": {
        "en": "unknown engine request {got}",
        "fr": "requête inconnue pour le moteur : {got}",
    },
    "bridge.no_model": {
        "en": "the questionnaire model is not loaded yet",
        "fr": "le modèle du questionnaire n'est pas encore chargé",
    },
    "cli.error": {
        "en": "error: {message}",
        "fr": "erreur : {message}",
    },
}


def format_message(code: str, params: Mapping[str, object], lang: str) -> str:
    """Return the message for `code` in `lang`, with `params` filled in."""
    if lang not in LANGS:
        raise ValueError(f"unsupported language {lang!r}; expected one of {LANGS}")
    return CATALOGUE[code][lang].format(**params)
