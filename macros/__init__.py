"""mkdocs-macros module: the Jinja functions pages call to render data in the page's language.

Pages never repeat a figure, a question or a phase by hand; they call these functions, which read the
one source of truth (the assessment YAML, docs/figures.yml, the catalogues in assessments/locales/).
"""

from __future__ import annotations

from typing import Any

from macros import assessment_form as assessment_form_module
from macros import (
    contact,
    credits,
    figures,
    legal,
    methodology,
    privacy,
    pulse_page,
    site_data,
    survey_kit,
    team_page,
    toolkit,
)
from macros import roadmap as roadmap_module


def define_env(env: Any) -> None:
    """Register the page macros with mkdocs-macros."""
    lang = site_data.build_language(env.conf)

    @env.macro
    def ui(key: str) -> str:
        """An interface string in the page's language."""
        return site_data.load_ui_strings(lang)[key]

    @env.macro
    def figure(figure_id: str, with_claim: bool = False) -> str:
        """A figure from docs/figures.yml with its source linked, e.g. {{ figure("job_fear") }}."""
        return figures.render_figure(figure_id, lang, with_claim)

    @env.macro
    def contact_routes() -> str:
        """The ways to reach the project (public discussions and issues; a private email when set)."""
        return contact.render_contact_routes(env.conf.get("extra") or {}, lang)

    @env.macro
    def figures_table() -> str:
        """Every figure grouped by kind, with publisher, title, date, link, check date and caveat."""
        return figures.render_figures_table(lang)

    @env.macro
    def rules_of_thumb() -> str:
        """The engine's thresholds that are this site's rules of thumb, with their reasoning."""
        return figures.render_rules_of_thumb(lang)

    @env.macro
    def law(ref_id: str) -> str:
        """A reference of docs/legal.yml, linked, with its last-checked date: {{ law("fr_l2312_8") }}."""
        return legal.render_law(ref_id, lang)

    @env.macro
    def legal_notice() -> str:
        """The "not legal advice" notice with the date the legal points were last checked."""
        return legal.render_notice(lang)

    @env.macro
    def legal_table(jurisdiction: str) -> str:
        """Every legal reference of one jurisdiction (eu, fr, fr-public, be) as a table."""
        return legal.render_table(jurisdiction, lang)

    @env.macro
    def roadmap(assessment_id: str = "resistance") -> str:
        """The roadmap phases of an assessment model, one section each."""
        return roadmap_module.render_roadmap(assessment_id, lang)

    @env.macro
    def storage_table() -> str:
        """What the site may keep in the browser's storage (Privacy page)."""
        return privacy.render_storage_table(lang)

    @env.macro
    def assessment_form(assessment_id: str = "resistance") -> str:
        """The questionnaire as plain HTML, in the page's language."""
        return assessment_form_module.render_page(site_data.load_model_cached(assessment_id), lang)

    @env.macro
    def team_tools() -> str:
        """The facilitator's form and result area (team mode)."""
        return team_page.render_team_tools(lang)

    @env.macro
    def method(part: str, assessment_id: str = "resistance") -> str:
        """A part of the Methodology page rendered from the model (rules, dimensions, bands, ...)."""
        return methodology.render_part(part, assessment_id, lang)

    @env.macro
    def question_count(assessment_id: str = "resistance") -> int:
        """How many questions the form asks (choice questions; figures are optional)."""
        return sum(q["kind"] == "choice" for q in site_data.load_model_cached(assessment_id)["questions"])

    @env.macro
    def assessment_link(antipattern_id: str, assessment_id: str = "resistance") -> str:
        """A link to the first question of the assessment that reveals an anti-pattern."""
        model = site_data.load_model_cached(assessment_id)
        return assessment_form_module.render_antipattern_link(model, antipattern_id, lang)

    @env.macro
    def toolkit_templates() -> str:
        """Every template of the toolkit, with its download link and print button (Toolkit page)."""
        return toolkit.render_page(lang, str(env.page.url))

    @env.macro
    def licences_table() -> str:
        """The project's licences: code, playbook text, templates (Licences and credits page)."""
        return credits.render_licences_table(lang)

    @env.macro
    def components_table(group: str) -> str:
        """Third-party components, `shipped` to browsers or used to `build` and test the site."""
        return credits.render_components_table(group, lang)

    @env.macro
    def pulse_form() -> str:
        """The staff pulse (#18): its form, the person's result and their anonymous code."""
        return pulse_page.render_pulse_page(lang)

    @env.macro
    def workshop_tools() -> str:
        """The workshop page (#18): pool pulse and leaders' codes, the gap, the presenter view."""
        return pulse_page.render_workshop_page(
            lang, str(env.conf["site_url"] or ""), str(env.conf["extra"].get("lang_root") or "")
        )

    @env.macro
    def pulse_method() -> str:
        """Methodology (#18): the staff pulse's questions, constructs and sources."""
        return pulse_page.render_method(lang)

    @env.macro
    def survey_kit_downloads() -> str:
        """The survey kit's files for each questionnaire (#13), linked from the survey-kit page."""
        return survey_kit.render_downloads(lang, str(env.page.url))
