"""Who says so: the attribution shapes of news reporting, each on a sentence of its own."""
from __future__ import annotations

import pytest

from flows.claimants import claimant_kind, quotations
from flows.extract import extract_claims


def credit(text: str, value: float) -> tuple[str | None, str | None, str | None]:
    """(claimant, claimant_kind, via) of the claim with `value` in `text`."""
    [claim] = [c for c in extract_claims(text) if c.value == value]
    return claim.claimant, claim.claimant_kind, claim.via


def test_apposition_names_the_person_and_their_role_gives_the_kind():
    text = "Ghana's health minister, Dr Kofi Mensah, said 212 people had been admitted to hospital."
    assert credit(text, 212) == ("Kofi Mensah", "government", None)


def test_apposition_after_the_name_gives_the_kind_of_the_body():
    text = "Lucia Ferraz, a spokeswoman for the dockworkers' union, said 4,000 members had walked out."
    assert credit(text, 4000) == ("Lucia Ferraz", "ngo", None)


def test_inverted_said_keeps_the_role_after_the_name():
    text = "Growth will slow to 1.2% next year, said Omar Haddad, an economist at Crescent Bank."
    assert credit(text, 1.2) == ("Omar Haddad", "expert", None)


def test_body_named_in_apposition_is_the_claimant():
    text = "Chile's emergency office, Senapred, said 1,400 homes had burned."
    assert credit(text, 1400)[:2] == ("Senapred", "government")


@pytest.mark.parametrize(("text", "expected"), [
    ("An independent monitoring group, the Public Assembly Archive, put the crowd at 275,000.",
     ("Public Assembly Archive", "ngo")),
    ("A rights group, the Syrian Observatory for Human Rights, said 275,000 had fled.",
     ("Syrian Observatory for Human Rights", "ngo")),
])
def test_a_description_then_the_name_of_the_body_credits_the_name(text: str, expected: tuple) -> None:
    assert credit(text, 275000)[:2] == expected


def test_an_official_who_said_is_a_source_though_official_may_qualify_a_noun():
    assert credit("An official said 275,000 people had fled.", 275000)[:2] == ("official", "anonymous")
    assert credit("The official estimate of 275,000 was revised.", 275000)[0] is None


def test_a_place_opening_the_sentence_is_no_person_he_could_stand_for():
    text = "In Mayotte, the official toll stood at 39 dead, but the minister said he feared 400 deaths."
    assert credit(text, 400)[0] == "minister"


def test_reports_dismissed_by_someone_are_not_their_claim():
    text = "Spokeswoman Maria Zakharova dismissed reports that 1,000 Russian soldiers had been captured."
    assert credit(text, 1000)[0] is None


def test_he_after_said_is_the_speaker_named_with_a_title_or_only_by_the_role():
    text = "Interior Minister Bruno Retailleau said he feared 400 deaths."
    assert credit(text, 400)[:2] == ("Bruno Retailleau", "government")
    assert credit("The minister said he expected 400 deaths.", 400)[0] == "minister"


def test_a_speaker_whose_own_clause_follows_a_contrast_does_not_claim_the_figure_before_it():
    text = ("In Mayotte, the official toll stood at 39 dead, but Interior Minister Bruno Retailleau said he "
            "feared 400 deaths.")
    assert credit(text, 39)[0] is None
    assert credit(text, 400)[0] == "Bruno Retailleau"


@pytest.mark.parametrize(("text", "expected"), [
    ("Derna's mayor, Abdulmenam al-Ghaithi, said 20,000 people could have died.",
     ("Abdulmenam al-Ghaithi", "government")),
    ("Health Minister Abdul Aziz al-Rashid said 20,000 people had died.",
     ("Abdul Aziz al-Rashid", "government")),
])
def test_a_name_with_a_lower_case_particle_is_a_person_with_a_role(text: str, expected: tuple) -> None:
    assert credit(text, 20000)[:2] == expected


def test_whoever_gives_a_toll_claims_it_but_a_donor_gives_no_figure():
    assert credit("The Libyan Red Crescent earlier gave a toll of 11,300.", 11300)[:2] == (
        "Libyan Red Crescent", "ngo")
    assert credit("Donors gave 11,300 tents.", 11300)[0] is None


def test_a_participle_speaks_for_a_titled_name_opening_the_sentence():
    text = "Opposition leader Rahul Gandhi called it false, claiming that fewer than 500 had been paid."
    assert credit(text, 500)[0] == "Rahul Gandhi"


def test_it_stands_for_the_whole_name_of_the_body_opening_the_sentence_before():
    text = ("The Syrian Observatory for Human Rights, a war monitor, said 277 people had been killed. "
            "Rebel factions had seized 40 villages, it said.")
    assert credit(text, 40)[0] == "Syrian Observatory for Human Rights"


@pytest.mark.parametrize("bullet", ["- ", "* ", "• "])
def test_a_list_item_is_read_as_a_sentence_without_its_bullet(bullet: str) -> None:
    text = f"Key figures:\n{bullet}The UN estimated the toll at 670.\n{bullet}Officials said 7,849 had fled."
    assert credit(text, 670)[0] == "UN"
    assert credit(text, 7849)[0] == "Officials"


def test_people_polled_by_an_outlet_speak_for_themselves():
    text = "Rates will stay at 5%, according to economists polled by Reuters."
    assert credit(text, 5)[:2] == ("economists polled by Reuters", "expert")


def test_a_role_then_the_name_without_commas_credits_the_name():
    text = "Police put the crowd at 300,000, while organisers the Peace Now Campaign claimed 800,000."
    assert credit(text, 800000)[0] == "Peace Now Campaign"
    assert credit("He said officials at the Red Cross counted 800,000.", 800000)[0] == (
        "officials at the Red Cross")


def test_it_opening_a_sentence_is_the_body_of_the_sentence_before_past_an_opening_adverbial():
    text = ("In a statement, Russia's defence ministry said all targets had been hit. It claimed Ukrainian "
            "forces had lost up to 1,500 soldiers.")
    assert credit(text, 1500)[0] == "Russia's defence ministry"


def test_a_tally_based_on_other_figures_is_its_publishers():
    text = "An AFP tally based on police and hospital figures put the number of dead at 455."
    assert credit(text, 455)[:2] == ("AFP", "media")


def test_it_is_the_head_of_the_body_opening_the_sentence_before_not_a_modifier():
    text = ("Hamas-run Gaza's health ministry said the toll had passed 40,000. Of those killed, it said, "
            "16,456 were children.")
    assert credit(text, 16456)[:2] == ("Hamas-run Gaza's health ministry", "government")


def test_a_figure_with_separators_cited_by_a_body_is_the_bodys():
    text = "The Kremlin said it did not recognise the figure of 600,000 Russian casualties cited by NATO."
    assert credit(text, 600000)[:2] == ("NATO", "international_org")


def test_the_subject_before_a_relative_clause_reports_past_the_verbs_inside_it():
    text = ("The Oryx project, which counts only losses confirmed by photos or video, has documented 3,700 "
            "destroyed Russian tanks.")
    assert credit(text, 3700)[0] == "Oryx project"


@pytest.mark.parametrize(("text", "expected"), [
    ("The toll rose to 212, said Col. Ahmed Saleh of the civil defence.", ("Ahmed Saleh", "government")),
    ("The toll rose to 212, said Jan Egeland of the Norwegian Refugee Council.", ("Jan Egeland", "ngo")),
    ("The toll rose to 212, said Ahmed Saleh, a civil defence official.", ("Ahmed Saleh", "government")),
])
def test_a_person_named_after_the_verb_speaks_for_the_body_after_of(text: str, expected: tuple) -> None:
    assert credit(text, 212)[:2] == expected


def test_a_country_before_a_body_whose_name_ends_in_a_document_word_is_not_the_source():
    text = "Britain's Office for National Statistics said net migration hit 906,000."
    assert credit(text, 906000)[:2] == ("Britain's Office for National Statistics", "government")


def test_whoever_lowers_the_toll_claims_the_new_figure():
    assert credit("In a later statement, the ministry lowered the toll to 1,055.", 1055)[0] == "ministry"
    assert credit("The quake raised 1,055 buildings' risk.", 1055)[0] is None


@pytest.mark.parametrize(("text", "expected"), [
    ("Damage from the earthquake was estimated at 3,100 homes by the World Bank.", "World Bank"),
    ("The crowd was put at 3,100 by police.", "police"),
])
def test_a_passive_figure_put_at_a_number_by_someone_is_theirs(text: str, expected: str) -> None:
    assert credit(text, 3100)[0] == expected


def test_where_a_named_body_is_based_is_no_part_of_its_name():
    text = "The war has killed 500,000, according to the Britain-based Syrian Observatory for Human Rights."
    assert credit(text, 500000)[0] == "Syrian Observatory for Human Rights"


@pytest.mark.parametrize(("text", "name"), [
    ("The Iran-backed Houthi rebels said they fired 12 missiles.", "Houthi rebels"),
    ("The state-run Xinhua news agency said 12 people died.", "Xinhua news agency"),
    ("The state-funded Kenya National Commission on Human Rights put the toll at 12.",
     "Kenya National Commission on Human Rights"),
])
def test_who_backs_or_runs_a_named_body_is_no_part_of_its_name(text: str, name: str) -> None:
    assert credit(text, 12)[0] == name


def test_according_to_a_role_then_a_name_credits_the_person():
    text = "Some 350 officers joined, according to Maine's public safety commissioner, Michael Sauschuck."
    assert credit(text, 350)[:2] == ("Michael Sauschuck", "government")


@pytest.mark.parametrize(("text", "expected"), [
    ("A Reuters tally shows at least 1,200 people have died.", ("Reuters", "media")),
    ("Satellite imagery analysed by Maxar shows 1,200 buildings were destroyed.", ("Maxar", "other")),
    ("Estimates by the Institute for the Study of War suggest 1,200 troops are deployed.",
     ("Institute for the Study of War", "expert")),
    ("Government figures put unemployment at 1,200.", ("Government figures", "government")),
    ("Official data showed the population fell by 1,200.", ("Official data", "government")),
])
def test_a_document_credits_the_outlet_or_analyst_that_made_it(text: str, expected: tuple) -> None:
    assert credit(text, 1200)[:2] == expected


def test_a_publisher_in_apposition_to_the_figures_is_the_source():
    text = ("The Post counted 1,100 deaths. The figures, released by the statistics office on Friday, showed "
            "3.2 million people were out of work.")
    assert credit(text, 3.2e6)[:2] == ("statistics office", "government")


@pytest.mark.parametrize(("text", "source"), [
    ("The report, by the Norwegian Refugee Council, found that 46 million people were displaced.",
     "Norwegian Refugee Council"),
    ("The study, published in The Lancet, estimated that 46 million people were displaced.", "Lancet"),
    ("The minister, by all accounts, said 46 million people were displaced.", "minister"),
    ("A study in The Lancet estimated that 46 million people were displaced.", "Lancet"),
    ("A survey in Germany found 46 million people were displaced.", "survey in Germany"),
])
def test_a_maker_in_apposition_to_a_document_is_the_source(text: str, source: str) -> None:
    assert credit(text, 46e6)[0] == source


@pytest.mark.parametrize(("text", "expected"), [
    ("Ukraine's military intelligence figures show that roughly 7,000 had moved.",
     ("Ukraine's military intelligence", "intelligence")),
    ("The ministry's latest intelligence update said 7,000 had moved.", ("ministry", "government")),
    ("The UN's humanitarian office has given a lower figure of 7,000 deaths.",
     ("UN's humanitarian office", "international_org")),
])
def test_a_body_named_between_a_possessive_and_its_document_is_the_source(text: str, expected: tuple):
    assert credit(text, 7000)[:2] == expected


def test_an_acronym_in_brackets_after_a_name_is_no_part_of_it():
    text = "Pyongyang sent 11,000 troops, according to South Korea's National Intelligence Service (NIS)."
    assert credit(text, 11000)[:2] == ("South Korea's National Intelligence Service", "intelligence")


def test_a_statement_from_a_named_office_is_not_anonymous():
    text = "According to a statement from the regional governor's office, 14 people were killed."
    assert credit(text, 14)[:2] == ("regional governor's office", "government")


def test_a_nationality_and_a_description_before_a_name_are_its_role():
    assert credit("Turkish business federation Turkonfed put the cost at 84,100.", 84100)[0] == "Turkonfed"


def test_a_spokesman_for_a_national_body_speaks_for_the_body():
    text = "Hospitals treated 2,000 wounded people, a spokesman for the Gaza health ministry said."
    assert credit(text, 2000)[:2] == ("Gaza health ministry", "government")
    text = "A Russian military blogger close to the army put Ukrainian losses at 2,000."
    assert credit(text, 2000)[1] == "anonymous"


def test_a_military_title_stands_for_the_one_military_person_the_article_named():
    text = ("Ukraine's top commander, Oleksandr Syrskyi, said Russia had lost 59,000 troops in Kursk.\n\n"
            "The general said Ukrainian units had captured 500 Russian soldiers.")
    assert credit(text, 500)[:2] == ("Oleksandr Syrskyi", "military")


def test_quotations_pair_each_opening_mark_with_its_own_closing_one():
    text = 'He said “we counted "about 40" bodies” and left. Then: "no more than 12'
    assert [text[a:b] for a, b in quotations(text)] == [
        '“we counted "about 40" bodies”',  # straight quotes inside curly ones belong to them
        '"no more than 12',  # an unclosed quotation runs to the end of the text
    ]
    assert quotations("No quotation here, 300 people.") == []


def test_quote_takes_the_speaker_after_it_through_a_pronoun():
    text = ("Tom Reyes, who leads the rescue teams, spoke to reporters.\n\n"
            "“We pulled 37 people out alive,” he said.")
    assert credit(text, 37)[0] == "Tom Reyes"


def test_quote_alone_in_a_paragraph_takes_the_speaker_of_the_paragraph_before():
    text = ("“We have counted 90 bodies,” the mayor, Ines Duarte, told reporters.\n\n"
            "“Another 15 people are missing.”")
    assert credit(text, 15)[0] == "Ines Duarte"


def test_role_noun_refers_to_the_person_the_article_tied_to_it():
    text = ("Peru's interior minister, Rosa Quispe, visited the region.\n\n"
            "The minister said 60 police officers had been deployed.")
    assert credit(text, 60)[0] == "Rosa Quispe"


def test_the_agency_is_the_agency_the_article_named():
    text = ("Figures from the Federal Statistics Agency showed 3.1% growth. "
            "Unemployment fell to 5.2%, the agency said.")
    assert credit(text, 5.2)[0] == "Federal Statistics Agency"


@pytest.mark.parametrize("earlier", ["Police said 20,000 people had gathered.",
                                     "The Interior Ministry said 20,000 people had gathered."])
def test_the_commission_is_not_an_earlier_body_of_another_sort(earlier: str):
    # Both are government bodies, but a commission is not the police or a ministry.
    text = f"{earlier} About 45% of voters backed the plan, the commission said."
    assert credit(text, 45)[0] == "commission"


def test_the_charity_is_the_named_body_of_its_kind_before_it():
    text = "Médecins Sans Frontières said 40 people had died. The charity said 300 were injured."
    assert credit(text, 300)[0] == "Médecins Sans Frontières"


@pytest.mark.parametrize("text", ["The virus has killed 45 people in the province, the WHO said.",
                                  "The WHO said 45 people had died."])
def test_an_acronym_spelling_a_pronoun_is_a_name(text: str) -> None:
    assert credit(text, 45)[0] == "WHO"
    assert credit(text, 45)[1] == "international_org"  # an alias of the World Health Organization


@pytest.mark.parametrize("text", ["Sales fell 12% in May, the company said.",
                                  "Inflation rose to 12% in May, the bank said."])
def test_a_quantity_opening_the_sentence_is_not_the_body_that_reports_it(text: str) -> None:
    assert credit(text, 12)[0] in ("company", "bank")


def test_those_who_fear_a_toll_claim_it_but_feared_dead_credits_nobody():
    assert credit("Officials fear the number of dead could exceed 1,000.", 1000)[0] == "Officials"
    assert credit("At least 40 people are feared dead after the landslide.", 40)[0] is None


def test_an_earlier_forecast_is_a_noun_not_a_reporting_verb():
    text = "The IMF expects growth of 3.2% this year, up from its earlier forecast of 2.9%."
    assert credit(text, 2.9)[0] == "IMF"  # the sentence's source, not "up from its"
    assert credit("The ministry earlier said 40 people had died.", 40)[0] == "ministry"
    text = "The IMF expects growth of 2.8% this year, down from its April estimate of 3.2%."
    assert credit(text, 3.2)[0] == "IMF"  # a month is when the estimate was made, not who made it


def test_its_accounts_credit_the_body_it_stands_for():
    text = ("The charity Shelter Now said it had raised £4m. Less than 5% of the money has come from "
            "companies, its accounts show.")
    assert credit(text, 5)[0] == "Shelter Now"


@pytest.mark.parametrize(("text", "expected"), [
    ("“We have recovered 212 bodies,” said Col. Ahmed Saleh, a civil defence spokesman.", "Ahmed Saleh"),
    ("Lt. Gen. Mark Hertling said 212 tanks were lost.", "Mark Hertling"),
    ("The toll is 212, said U.S. officials.", "U.S. officials"),
    ("The army spokesman, Brig. Gen. Nabil Abdallah, told reporters 212 had died.", "Nabil Abdallah"),
    ("Maj. Gen. Ivan Petrov said 212 tanks were lost.", "Ivan Petrov"),
    ("Another 212 people were hurt, according to the U.N. human rights office.", "U.N. human rights office"),
    ("The toll is 212, according to the U.N.", "U.N."),
])
def test_titles_and_acronyms_with_full_stops_keep_the_name_whole(text: str, expected: str) -> None:
    assert credit(text, 212)[0] == expected


def test_a_nameless_plural_source_may_name_where_it_works():
    text = ("Citing satellite imagery, analysts at the Institute for the Study of War estimated that "
            "2,000 vehicles had been destroyed.")
    assert credit(text, 2000)[:2] == ("analysts at the Institute for the Study of War", "expert")


def test_an_acronym_in_brackets_after_a_source_restates_it():
    text = "Floods have killed at least 1,136 people, the National Disaster Management Authority (NDMA) said."
    assert credit(text, 1136)[:2] == ("National Disaster Management Authority", "government")


def test_a_source_that_has_not_confirmed_a_figure_does_not_claim_it():
    text = "Kyiv estimates Russia has lost about 700,000 troops, a figure Moscow has not confirmed."
    assert credit(text, 700000)[:2] == ("Kyiv", "government")


def test_possessive_figures_credit_their_publisher():
    text = "The Coastal Fire Service's latest figures show 48 homes were destroyed."
    assert credit(text, 48)[0] == "Coastal Fire Service"


@pytest.mark.parametrize(("text", "expected"), [
    ("According to the Kyiv Courier, citing the General Staff, 1,200 soldiers were killed in a day.",
     ("General Staff", "military", "Kyiv Courier")),
    ("According to Reuters, citing three people familiar with the matter, the deal is worth $2 billion.",
     ("Reuters", "media", "three people familiar with the matter")),
])
def test_according_to_an_outlet_citing_a_source_records_both(text: str, expected: tuple) -> None:
    [claim] = extract_claims(text)
    assert (claim.claimant, claim.claimant_kind, claim.via) == expected


def test_citing_a_named_source_after_the_verb_makes_it_the_claimant():
    text = "The Valley Post said 300 families had fled, citing the regional disaster office."
    assert credit(text, 300) == ("regional disaster office", "government", "Valley Post")


def test_citing_unnamed_sources_keeps_the_outlet_and_records_the_channel():
    text = "The Daily Ledger reported that 1,500 troops had crossed the border, citing unnamed diplomats."
    assert credit(text, 1500) == ("Daily Ledger", "media", "unnamed diplomats")


@pytest.mark.parametrize("text", [
    "An aid worker who asked not to be named said 70 children had died.",
    "A police officer at the scene said 70 children had died.",
    "US officials said 70 children had died.",
    "Officials who spoke on condition of anonymity said 70 children had died.",
])
def test_unnamed_people_are_anonymous_claimants(text: str):
    claimant, kind, _ = credit(text, 70)
    assert claimant and not claimant.lower().startswith(("a ", "an ")) and kind == "anonymous"


def test_passive_belief_credits_nobody():
    assert credit("Some 200 civilians are believed to remain in the town.", 200) == (None, None, None)


def test_adjective_use_of_a_reporting_verb_credits_nobody():
    assert credit("The storm caused an estimated $2bn of damage.", 2e9) == (None, None, None)


def test_put_credits_only_a_figure_put_at_a_number():
    assert credit("The layoffs will put 900 jobs at risk.", 900)[0] is None
    assert credit("Organisers put the crowd at 50,000.", 50000)[0] == "Organisers"


@pytest.mark.parametrize(("text", "claimant"), [
    ("The ministry put the number of displaced at nearly half a million.", "ministry"),
    ("Aid groups put the number of dead at tens of thousands.", "Aid groups"),
    ("Police put the crowd at three thousand.", "Police"),
])
def test_put_credits_a_figure_written_in_words(text: str, claimant: str) -> None:
    assert [c.claimant for c in extract_claims(text)] == [claimant]


def test_a_long_name_of_a_body_is_one_source():
    text = ("Data compiled by the Armed Conflict Location and Event Data Project shows 2,314 civilians "
            "were killed.")
    assert credit(text, 2314)[0] == "Armed Conflict Location and Event Data Project"


def test_a_source_after_a_semicolon_does_not_reach_back_across_it():
    text = "Thousands of people rallied on Sunday; organisers claimed 100,000 attended."
    assert [c.claimant for c in extract_claims(text)] == [None, "organisers"]


@pytest.mark.parametrize(("text", "expected"), [
    ("A study published in The Lancet estimated the toll could exceed 186,000.", ("Lancet", "media")),
    ("A study published in the journal Science put the toll at 186,000.", ("Science", "media")),
    ("A report published in March said 186,000 people had fled.", (None, None)),  # when, not where
])
def test_a_study_published_in_a_journal_is_the_journals(text: str, expected: tuple) -> None:
    assert credit(text, 186000)[:2] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("According to Western estimates, 600,000 soldiers have been killed.", ("Western estimates", "other")),
    ("According to Russian estimates, 600,000 soldiers died.", ("Russian estimates", "government")),
    ("Some 600,000 soldiers were killed, according to Israeli figures.", ("Israeli figures", "government")),
])
def test_according_to_a_document_credits_the_document_and_a_countrys_is_its_government(
    text: str, expected: tuple[str, str],
) -> None:
    assert credit(text, 600_000)[:2] == expected


@pytest.mark.parametrize("text", [
    "The deal is worth about $4.5bn, people familiar with the matter said.",
    "The deal is worth about $4.5bn, people close to the company said.",
])
def test_people_familiar_with_the_matter_are_an_anonymous_source(text: str) -> None:
    claimant, kind, _ = credit(text, 4.5e9)
    assert claimant is not None and claimant.startswith("people") and kind == "anonymous"


def test_put_on_without_a_figure_credits_nobody():
    assert credit("He put on a brave face as 300 people gathered.", 300)[0] is None


def test_an_unnamed_document_has_the_kind_of_the_body_that_wrote_it():
    text = "Russia has lost up to 87% of its troops, a declassified US intelligence assessment said."
    assert credit(text, 87)[1] == "intelligence"
    assert credit("A Russian military source said 300 soldiers had died.", 300)[1] == "anonymous"


def test_attribution_that_reports_what_follows_does_not_cover_an_earlier_figure():
    text = "The council has pledged €20m, and the Evening Star reported that 12 schools would close."
    assert credit(text, 2e7)[0] is None
    assert credit(text, 12)[0] == "Evening Star"


def test_acronym_resolves_to_the_name_it_abbreviates():
    text = ("The World Food Programme warned of famine. "
            "By March, the WFP estimated, 2 million people would need food aid.")
    assert credit(text, 2e6)[0] == "World Food Programme"


@pytest.mark.parametrize(("name", "role", "kind"), [
    ("UK Ministry of Defence", None, "military"),
    ("Economists polled by the Daily Ledger", None, "expert"),
    ("Health officials in Lima", None, "anonymous"),
    ("Lima county officials", None, "government"),
    ("Jo Banda", "president of the miners' union", "ngo"),
    ("Jo Banda", "a spokesman for the UN refugee agency", "international_org"),
    ("Evening Courier", None, "media"),
    ("Ahmed Saleh", "a surgeon at Al-Shifa hospital", "expert"), ("Doctors", None, "anonymous"),
    ("nurses' union", None, "ngo"),
])
def test_claimant_kind_takes_the_first_telling_word(name: str, role: str | None, kind: str):
    assert claimant_kind(name, role) == kind


@pytest.mark.parametrize(("name", "kind"), [
    ("Central Election Commission", "government"), ("Electoral Commission", "government"),
    ("cantonal chancellery", "government"), ("Federal Aviation Administration", "government"),
    ("central bank", "government"), ("Norwegian Refugee Council", "ngo"), ("Pollstar Weekly", "media"),
    ("prosecutors", "anonymous"), ("Survivors", "anonymous"), ("engineers", "expert"),
    ("Scientists", "expert"), ("epidemiologists", "expert"), ("Pew Research Center", "expert"),
    ("National Hurricane Center", "government"), ("Hezbollah", "military"), ("Houthis", "military"),
    ("M23 rebels", "military"), ("Hamas-run health ministry", "government"), ("Kyiv Independent", "media"),
    ("The Economist", "media"), ("Bellingcat", "expert"), ("WFP", "international_org"), ("IDF", "military"),
    ("Rand Paul", "other"), ("National Electoral Institute", "government"),
    ("Investigative Committee", "government"), ("Bank of Japan", "government"), ("ECB", "government"),
    ("US Geological Survey", "government"), ("National Guard", "military"), ("Lancet", "media"),
    ("Rapid Support Forces", "military"), ("RSF", "military"), ("Iran's Revolutionary Guards", "military"),
    ("World Meteorological Organization", "international_org"),
    ("Africa Centres for Disease Control and Prevention", "international_org"),
    ("Centers for Disease Control and Prevention", "government"),
    ("Customs and Border Protection", "government"), ("state highway patrol", "government"),
    ("NGO working in the area", "ngo"),
    ("International Monetary Fund", "international_org"), ("Interpol", "international_org"),
    ("ECOWAS", "international_org"), ("International Energy Agency", "international_org"),
    ("FSB", "intelligence"), ("Mossad", "intelligence"), ("FBI", "government"),
    ("Supreme Court", "government"), ("Kyiv School of Economics", "expert"), ("Capital Economics", "expert"),
    ("Imperial College London", "expert"),
    ("Council on Foreign Relations", "expert"), ("Uppsala Conflict Data Program", "expert"),
    ("Greenpeace", "ngo"), ("International Rescue Committee", "ngo"), ("IG Metall", "ngo"),
    ("M23", "military"), ("ProPublica", "media"),
    ("National Institute for Disaster Management", "government"),
    ("country's disaster management institute", "government"), ("Institute for the Study of War", "expert"),
    ("Ukraine's air defence", "military"), ("Kharkiv regional military administration", "government"),
])
def test_public_bodies_charities_publications_and_unnamed_groups_get_their_kind(name: str, kind: str):
    assert claimant_kind(name) == kind


def test_a_police_rank_before_a_name_is_dropped_and_makes_the_source_government():
    text = "Detective Inspector Sarah Kolb said 14 shell casings had been recovered."
    assert credit(text, 14)[:2] == ("Sarah Kolb", "government")


def test_the_airline_the_club_the_pollster_stand_for_the_company_that_opens_the_sentence():
    text = "NorthStar Air grounded all 65 of its jets on Saturday, the airline said."
    assert credit(text, 65)[:2] == ("NorthStar Air", "other")


@pytest.mark.parametrize("text", [
    "Hospitals in the province recorded 4,812 cases in August, the provincial health department said.",
    "Local clinics reported 4,812 cases, the provincial health department said on Monday.",
])
def test_a_source_closing_the_sentence_reports_what_nameless_ones_recorded(text: str):
    assert credit(text, 4812)[:2] == ("provincial health department", "government")


def test_a_named_counter_or_a_speaker_before_keeps_the_figure():
    text = "A UN team counted more than 200 injured people, a spokesman for the UN secretary general said."
    assert credit(text, 200)[0].startswith("UN team")
    assert credit("Officials said 40 people died, police said.", 40)[0] == "Officials"


@pytest.mark.parametrize("text", [
    "Two senior officials, speaking on condition of anonymity, said 3,500 jobs would go.",
    "The Harbour Times, citing two officials familiar with the talks, reported 3,500 job cuts.",
    "Three people familiar with the matter said 3,500 jobs would go.",
])
def test_the_number_of_unnamed_sources_who_speak_is_no_claim(text: str):
    assert [c.value for c in extract_claims(text)] == [3500]


def test_sources_that_something_happens_to_are_counted():
    assert [c.value for c in extract_claims("Two officials were killed in the attack.")] == [2]


def test_a_relative_clause_with_a_figure_between_the_source_and_its_verb():
    text = ("Halvorsen Foods said it would cut jobs. "
            "The company, which employs about 14,500 people, expects the plan to cost 1.2 billion crowns.")
    assert credit(text, 14500)[0] == credit(text, 1.2e9)[0] == "Halvorsen Foods"


def test_a_spokesman_of_a_named_body_gives_the_body_as_the_article_named_it():
    text = ("More than 1,100 migrants arrived on Lampedusa, the Italian Red Cross said. "
            "The centre was holding about 3,000, a Red Cross spokesman said.")
    assert credit(text, 3000)[:2] == ("Italian Red Cross", "ngo")
    assert credit("A Pentagon spokesman said 1,500 troops went.", 1500)[:2] == ("Pentagon", "military")


def test_a_pronoun_keeps_the_kind_of_the_title_the_person_was_named_with():
    text = ("Mayor Rosa Delgado unveiled a plan on Wednesday.\n\n"
            "“We will hire 1,200 more police officers,” she said.")
    assert credit(text, 1200)[:2] == ("Rosa Delgado", "government")


@pytest.mark.parametrize(("text", "claimant"), [
    ("The transport minister, Ilse Varga, declined to confirm it but told parliament the railway had lost "
     "640 million forints.", "Ilse Varga"),
    ("Ilse Varga visited the depot and said 640 million forints had been lost.", "Ilse Varga"),
    ("The rail ministry does not publish monthly data, but says 640 million forints were lost.",
     "rail ministry"),
])
def test_a_reporting_verb_after_and_or_but_shares_the_subject_opening_the_sentence(text: str, claimant: str):
    assert credit(text, 640e6)[0] == claimant


def test_a_relative_clause_credits_only_the_figure_before_it():
    text = ("Donors pledged $2bn at a conference in Paris on Monday, well short of the $4bn "
            "the United Nations says is needed this year.")
    assert credit(text, 2e9)[0] is None
    assert credit(text, 4e9)[:2] == ("United Nations", "international_org")
    assert credit("The 40,000 troops Russia claims to have lost are a fraction.", 40000)[0] == "Russia"


def test_the_researchers_stand_for_the_research_body_the_article_named():
    text = ("Emissions will reach a record 37 billion tonnes, according to the Global Carbon Project. "
            "Coal emissions in India will rise by 8%, the researchers said.")
    assert credit(text, 37e9)[:2] == ("Global Carbon Project", "expert")
    assert credit(text, 8)[:2] == ("Global Carbon Project", "expert")


def test_a_poll_by_a_named_pollster_credits_the_pollster_and_so_does_what_it_found():
    text = ("A survey of 1,514 likely voters by the pollster Veritas Research put the governor on 47%. "
            "Some 38% of independents said they had not decided, the pollster found.")
    assert credit(text, 1514)[0] == credit(text, 47)[0] == credit(text, 38)[0] == "Veritas Research"
    assert credit("Rescuers found 40 bodies.", 40)[0] is None


def test_an_adverb_after_an_apposition_is_no_role():
    text = "The energy minister, Alparslan Demir, later told reporters that 41 miners had been rescued."
    assert credit(text, 41)[:2] == ("Alparslan Demir", "government")


def test_quoting_an_unnamed_official_keeps_the_outlet_as_claimant():
    text = "Another 22 were injured, the state news agency IRNA said, quoting a local emergency official."
    assert credit(text, 22) == ("IRNA", "media", "local emergency official")
    text = "The Dawn Chronicle quoted a senior police officer as saying that 27 suspects had been arrested."
    assert credit(text, 27) == ("Dawn Chronicle", "media", "senior police officer")


def test_a_name_right_after_a_closing_quote_heads_its_apposition():
    text = ("“We have registered 4,300 people,” Olga Kurylo, a spokeswoman for the regional administration, "
            "told AFP.")
    assert credit(text, 4300)[:2] == ("Olga Kurylo", "government")


def test_a_named_prosecutor_speaks_for_the_state_and_an_opposition_leader_does_not():
    assert claimant_kind("Abu Abdullah", "the prosecutor") == "government"
    assert claimant_kind("Tomasz Bielski", "opposition leader") == "other"


def test_officials_at_a_named_body_take_its_kind_and_a_lower_case_role_before_a_name_is_a_source():
    text = ("Officials at the interior ministry said 14 people had been detained, while opposition leader "
            "Tomasz Bielski put the number of arrests at more than 60.")
    assert credit(text, 14)[:2] == ("Officials at the interior ministry", "government")
    assert credit(text, 60)[:2] == ("Tomasz Bielski", "other")
    assert claimant_kind("Health officials in Lima") == "anonymous"


def test_a_reporting_word_after_a_possessive_is_a_noun_not_a_verb():
    assert credit("The ministry's own estimate of repair costs is $780m.", 780e6)[0] is None
    assert credit("Sudanese accounted for 10 million of them, UNHCR's report showed.", 10e6)[0] == "UNHCR"


def test_a_common_noun_for_a_body_is_not_the_other_body_named_before_it():
    text = ("The union said roughly 30,000 workers joined the strike, but the company put the number "
            "at 18,000.")
    assert credit(text, 30000)[0] == "union"
    assert credit(text, 18000)[0] == "company"


def test_management_without_an_article_is_a_source():
    text = "The union said roughly 30,000 workers joined the strike, but management said 18,000."
    assert credit(text, 18000)[0] == "management"


def test_a_cited_source_keeps_the_thousands_separator_of_a_figure_in_it():
    text = "The vaccine was 95% effective, Pfizer said, citing trial data from 43,000 participants."
    assert credit(text, 95)[2] == "trial data from 43,000 participants"


def test_a_reporting_word_in_s_before_a_reporting_verb_is_the_plural_noun():
    assert credit("US estimates put the toll at 600,000.", 600000)[0] == "US"
    assert credit("Rescuers found 40 bodies.", 40)[0] is None


def test_a_source_that_acknowledges_a_figure_claims_it():
    text = ("More than 3,000 people have been detained, rights groups say, while the authorities "
            "acknowledge 900.")
    assert credit(text, 900)[0] == "authorities"


@pytest.mark.parametrize(("text", "source"), [
    ("The union said the plan would put 2,300 jobs at risk, and 500 more would go.", "union"),
    ("Facebook said this week that it expected that 2,300 staff would leave.", "Facebook"),
])
def test_a_source_does_not_reach_back_past_another_reporting_verb(text: str, source: str) -> None:
    assert credit(text, 2300)[0] == source


def test_put_credits_a_figure_after_at_only_within_its_clause():
    text = "The union said the plan would put 2,300 jobs at risk, and 500 more would go."
    assert credit(text, 500)[0] == "union"


@pytest.mark.parametrize("text", [
    "The Red Cross said 80,000 people were displaced, though local authorities put the figure closer"
    " to 50,000.",
    "The Red Cross said 80,000 people were displaced; local authorities put the number as high as 50,000.",
])
def test_put_the_figure_closer_to_credits_the_one_who_puts_it(text: str) -> None:
    assert credit(text, 50000)[0] == "local authorities"
    assert credit(text, 80000)[0] == "Red Cross"


def test_putting_a_figure_at_risk_credits_the_one_who_said_so():
    text = "The union said the closure would put over 2,300 jobs at risk."
    assert credit(text, 2300)[0] == "union"


def test_the_company_is_a_business_not_a_union_or_ministry_named_before():
    text = ("The interior ministry counted 45,000 marchers, while the CGT union claimed 500,000.\n\n"
            "Nordair lost €312 million in the quarter, the company said.")
    assert credit(text, 312_000_000)[0] == "Nordair"
    text = "The CGT union claimed 500,000 marchers.\n\nThe company reported a net loss of €312 million."
    assert credit(text, 312_000_000)[0] == "company"


@pytest.mark.parametrize("opening", ["Hackers", "Thieves", "Burglars"])
def test_the_company_is_not_the_plural_noun_of_people_that_opens_the_sentence(opening: str) -> None:
    text = f"{opening} took the records of 9.7 million customers, the company said."
    assert credit(text, 9_700_000)[0] == "company"


@pytest.mark.parametrize("reason", ["a lack of verified records", "security concerns"])
def test_citing_a_reason_names_no_source(reason: str) -> None:
    text = f"The Red Crescent said 3,958 people died, citing {reason}."
    assert credit(text, 3958) == ("Red Crescent", "ngo", None)


def test_a_participle_describing_a_noun_reports_nothing() -> None:
    text = "The fire destroyed 300 stalls, causing losses estimated at 2 billion naira, traders said."
    assert credit(text, 300)[0] == "traders"
    assert credit("Police estimated at least 20,000 attended.", 20_000)[0] == "Police"


def test_what_is_expected_in_an_absolute_clause_is_no_source() -> None:
    text = "Food inflation rose to 5.2% in March, with dairy prices expected to increase further."
    assert credit(text, 5.2)[0] is None
    text = "Thousands protested in Tel Aviv, with organisers saying some 100,000 people attended."
    assert credit(text, 100_000)[0] == "organisers"


def test_an_unnamed_member_of_a_body_is_not_the_body_and_an_aside_can_make_them_anonymous() -> None:
    text = ("Kyiv says some soldiers have been killed. A Ukrainian commander, who asked not to be named, "
            "told the BBC his unit had killed 30 North Korean troops.")
    assert credit(text, 30)[:2] == ("Ukrainian commander", "anonymous")
    text = "Kyiv says some soldiers have been killed. A Ukrainian commander told the BBC that 30 had died."
    assert credit(text, 30)[:2] == ("Ukrainian commander", "military")


def test_a_figure_forecast_by_someone_credits_them_with_it_alone() -> None:
    text = ("Official data showed exports rose 7.1% in September, well below the 10% forecast by economists, "
            "while imports grew 0.3%.")
    assert [credit(text, v)[0] for v in (7.1, 10, 0.3)] == ["Official data", "economists", "Official data"]


@pytest.mark.parametrize(("text", "source"), [
    ("Gaza death toll passes 45,000, health ministry says", "health ministry"),
    ("Death toll rises to 45,000, army says", "army"),
])
def test_a_headlines_source_without_its_article_is_a_source(text: str, source: str) -> None:
    assert credit(text, 45_000)[0] == source


@pytest.mark.parametrize("text", [
    "The figure of 40 dead was given by the emergencies ministry.",
    "According to a post by the emergencies ministry, 40 people died.",
])
def test_a_figure_given_by_a_body_or_posted_by_it_is_its(text: str) -> None:
    assert credit(text, 40)[0] == "emergencies ministry"


def test_a_body_that_attributes_deaths_to_a_cause_claims_them() -> None:
    text = "In Spain, the health ministry's monitoring system attributed 2,159 deaths to extreme heat."
    assert credit(text, 2159)[:2] == ("health ministry's monitoring system", "government")
    assert claimant_kind("Gun Violence Archive", "a nonprofit that tracks shootings") == "ngo"


@pytest.mark.parametrize(("text", "expected"), [
    ("The Wall Street Journal reported, citing U.S. officials, that 40 people had died.",
     ("Wall Street Journal", "U.S. officials")),  # (nameless: the paper vouches for it)
    ("40 people died, according to the state news agency, which cited the health ministry.",
     ("health ministry", "state news agency")),
    ("As reported by the BBC, 40 people died.", ("BBC", None)),
    ("The health ministry was quoted by Interfax as saying 40 people had died.",
     ("health ministry", "Interfax")),
    ("Citing the health ministry, TASS said 40 people had died.", ("health ministry", "TASS")),
])
def test_more_ways_of_citing_a_source(text: str, expected: tuple) -> None:
    claimant, _, via = credit(text, 40)
    assert (claimant, via) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("40 people died, said Ihor Klymenko, Ukraine's interior minister.", ("Ihor Klymenko", "government")),
    ("40 people died, said Jens Stoltenberg, NATO's secretary general.",
     ("Jens Stoltenberg", "international_org")),
    ("40 people died, said Lloyd Austin, the U.S. defense secretary.", ("Lloyd Austin", "military")),
])
def test_a_role_after_an_inverted_name_may_open_with_a_possessive_or_an_initialism(text: str,
                                                                                   expected: tuple) -> None:
    assert credit(text, 40)[:2] == expected


def test_a_role_of_a_subject_at_a_named_body_keeps_its_whole_description() -> None:
    text = "40 people died, said a professor of epidemiology at Imperial College."
    assert credit(text, 40)[:2] == ("professor of epidemiology at Imperial College", "anonymous")


def test_the_utility_is_not_the_hedge_that_opens_the_sentence() -> None:
    text = "Some 30,000 homes remain without water after the pipeline burst, the utility said."
    assert credit(text, 30_000)[0] == "utility"


def test_results_that_give_a_figure_credit_their_publisher_but_donors_who_gave_credit_no_one():
    text = "The opposition claims 60% backed its man; the electoral commission's results give him 43.5%."
    assert credit(text, 43.5)[0] == "electoral commission"
    assert credit("Donors gave $3 billion to the fund.", 3e9)[0] is None


@pytest.mark.parametrize("title", ["NATO Secretary General", "UN Secretary General", "Secretary General"])
def test_a_title_of_two_words_after_a_body_stays_whole(title: str) -> None:
    assert credit(f"{title} Mark Rutte said 212 people had died.", 212)[0] == "Mark Rutte"


def test_the_chief_of_a_body_is_the_person_named_with_its_title():
    text = ("NATO Secretary General Mark Rutte said 600,000 Russian troops had been killed or wounded.\n\n"
            '"We see about 1,500 casualties every day," the NATO chief said.')
    assert credit(text, 1500)[0] == "Mark Rutte"
    assert credit("The army chief said 300 soldiers had died.", 300)[0] == "army chief"


@pytest.mark.parametrize(("speaker", "name", "kind"), [
    ("Los Angeles County Sheriff Robert Luna", "Robert Luna", "government"),
    ("Fire Chief Kristin Crowley", "Kristin Crowley", "government"),
    ("Attorney General Merrick Garland", "Merrick Garland", "government"),  # no general of an army
    ("Rep. Jim Jordan", "Jim Jordan", "government"),
    ("Florida Gov. Ron DeSantis", "Ron DeSantis", "government"),  # a place, then an abbreviated title
    ("Sen. Chuck Grassley", "Chuck Grassley", "government"),
    ("Councilwoman Ana Ruiz", "Ana Ruiz", "government"),
    ("District magistrate Avinash Kumar", "Avinash Kumar", "government"),
    ("Coroner Sarah Lee", "Sarah Lee", "government"),
    ("Chief Executive Tim Cook", "Tim Cook", "other"),
    ("CEO Elon Musk", "Elon Musk", "other"),
])
def test_a_title_before_a_name_is_the_role_not_part_of_the_name(speaker: str, name: str, kind: str) -> None:
    assert credit(f"{speaker} said 1,200 people had been affected.", 1200)[:2] == (name, kind)


def test_added_with_a_figure_as_its_object_reports_nothing():
    text = "The US economy added 256,000 jobs in December, the Labor Department said."
    assert credit(text, 256000)[0] == "Labor Department"
    assert credit("At least 12 people died, the ministry added.", 12)[0] == "ministry"
    assert credit("The ministry added that 40 people had died.", 40)[0] == "ministry"


@pytest.mark.parametrize("text", ["The heatwave has claimed at least 1,300 lives, Saudi authorities said.",
                                  "The floods claimed the lives of 1,300 people, Saudi authorities said."])
def test_a_disaster_that_claimed_lives_is_no_source(text: str) -> None:
    [claim] = extract_claims(text)
    assert (claim.claimant, claim.event) == ("Saudi authorities", "killed")
    assert credit("Russia claimed 300 soldiers were killed.", 300)[0] == "Russia"


def test_a_storm_named_before_is_no_person_a_role_stands_for():
    text = ("Hurricane Helene has killed at least 215 people.\n\n"
            "Donors pledged $2.4 billion, the French foreign minister said.")
    assert credit(text, 2.4e9)[0] == "French foreign minister"


def test_a_figure_a_relative_clause_credits_is_that_sources_whoever_spoke_before():
    text = ("Donors pledged $2.4 billion, the French foreign minister said, well short of the $4.1 billion "
            "the UN says is needed.")
    assert credit(text, 4.1e9)[0] == "UN"
    assert credit(text, 2.4e9)[0] == "French foreign minister"


@pytest.mark.parametrize(("speaker", "kind"), [("A police spokesperson", "government"),
                                               ("An army spokesman", "military"),
                                               ("A Russian military source", "anonymous")])
def test_an_unnamed_spokesperson_speaks_for_the_body_on_the_record(speaker: str, kind: str) -> None:
    assert credit(f"{speaker} said 40 people were arrested.", 40)[1] == kind


def test_a_post_on_social_media_credits_its_author_but_posting_officers_credits_no_one():
    text = "President Volodymyr Zelensky posted on X that Russia had launched more than 1,000 glide bombs."
    assert credit(text, 1000)[0] == "Volodymyr Zelensky"
    assert credit("Police posted 300 officers at the stadium.", 300)[0] is None


def test_a_body_that_projected_a_figure_is_its_source():
    text = "The finance ministry projected GDP growth of 5.2% for the fiscal year."
    assert credit(text, 5.2)[0] == "finance ministry"
    assert credit("The projected 5.2% growth is weak.", 5.2)[0] is None


def test_a_figure_claimed_by_someone_is_theirs_whoever_spoke_before():
    text = ('Kinetic said its analysis of drone footage suggested a peak of about 85,000 people, far fewer '
            'than the "one million" claimed by opposition leader Nika Gvaramia.')
    assert credit(text, 1_000_000)[0] == "Nika Gvaramia"
    assert credit(text, 85000)[0] == "Kinetic"  # "its analysis" is the body that just spoke
    assert credit("The figure was estimated by the World Bank at $3bn.", 3e9)[0] == "World Bank"


@pytest.mark.parametrize(("text", "value", "source"), [
    ("The health ministry disputed the WHO figures, saying its own count stood at 930 deaths.", 930,
     "health ministry"),
    ("The army denied the report, saying 12 soldiers had died.", 12, "army"),
])
def test_a_participle_after_a_comma_shares_the_subject_that_opens_the_sentence(
        text: str, value: float, source: str) -> None:
    assert credit(text, value)[0] == source


def test_a_participle_reports_only_what_follows_it_and_adding_a_figure_or_claiming_lives_reports_nothing():
    text = "Police arrested 40 people, saying they had attacked officers."
    assert credit(text, 40)[0] is None
    text = "The tax adds tens of thousands of dollars to a home, adding 40,000 to the price, the bank said."
    assert credit(text, 40000)[0] == "bank"
    text = "The floods swept through the region, claiming at least 40 lives, officials said."
    assert credit(text, 40)[0] == "officials"


def test_a_body_that_raised_its_own_estimate_is_the_source_but_raising_money_reports_nothing():
    text = "The World Health Organization on Friday raised its estimate of the death toll to 1,200."
    assert credit(text, 1200)[0] == "World Health Organization"
    assert credit("The IMF lowered its growth forecast for Germany to 0.2%.", 0.2)[0] == "IMF"
    assert credit("The charity raised $5m for victims.", 5e6)[0] is None


def test_a_tally_based_on_other_figures_is_its_compilers() -> None:
    text = ("At least 1,000 pilgrims died, according to a tally by AFP based on figures from national "
            "governments.")
    assert credit(text, 1000)[0] == "AFP"


@pytest.mark.parametrize(("text", "source"), [
    ("Estimates from UN agencies had put the toll at around 670.", "UN agencies"),
    ("Earlier estimates from the UN had put the toll at 670.", "UN"),
    ("Reports by local media say 670 people died.", "local media"),
])
def test_a_document_word_followed_by_its_maker_is_a_noun_credited_to_it(text: str, source: str) -> None:
    assert credit(text, 670)[0] == source


@pytest.mark.parametrize(("text", "source"), [
    ("The strike costs $100 million a day, according to analysts at TD Cowen.", "analysts at TD Cowen"),
    ("It cost $100 million, according to economists at Goldman Sachs.", "economists at Goldman Sachs"),
])
def test_at_before_a_body_is_no_part_of_a_persons_name(text: str, source: str) -> None:
    assert credit(text, 100_000_000)[0] == source


def test_according_to_a_named_source_beats_bare_estimates_before_the_figure():
    text = ("The Resistance Committee said 100 people had been buried. The war has killed tens of thousands "
            "of people; estimates range as high as 150,000, according to US envoy Tom Perriello.")
    assert credit(text, 150000)[:2] == ("Tom Perriello", "government")


def test_data_that_showed_a_figure_is_its_source_and_a_verb_after_a_plural_possessive_is_a_noun():
    text = ("China's exports rose 12.7% in October to $309 billion, customs data showed on Thursday, beating "
            "economists' forecasts of a 5.2% increase.")
    assert credit(text, 12.7)[0] == "customs data"
    text = "Government data released on Friday showed 40,000 jobs were lost."
    assert credit(text, 40000)[0] == "Government data"


def test_a_participle_after_a_reporting_clause_speaks_for_that_clauses_source():
    text = ("Russian forces launched 188 drones at Ukraine overnight, the Ukrainian air force said on "
            "Tuesday, adding that air defences had shot down 76 of the drones.")
    assert credit(text, 76)[0] == "Ukrainian air force"


def test_the_role_before_a_name_is_read_after_the_clause_that_introduces_it():
    text = ('Her account was echoed by the mayor, Luis Ortega. "The city cannot cope with 10,000 new '
            'arrivals a month," he told local radio.')
    assert credit(text, 10000)[:2] == ("Luis Ortega", "government")


def test_the_chief_of_a_body_named_by_its_acronym_is_the_person_titled_with_it():
    text = ("UN Secretary-General Antonio Guterres visited the camp on Monday.\n\n"
            "The UN chief said 2 million people needed aid.")
    assert credit(text, 2e6)[:2] == ("Antonio Guterres", "international_org")


def test_the_force_is_the_police_named_before_it():
    text = "Police said they had arrested 126 people. Nine officers were injured, the force said."
    assert credit(text, 9)[:2] == ("Police", "government")


@pytest.mark.parametrize(("text", "expected"), [
    ("Crossings fell to about 47,000, according to early Border Patrol data seen by The Washington Post.",
     ("Border Patrol", "government", "Washington Post")),
    ("A UN report seen by Reuters said 300 people were killed.", ("UN", "international_org", "Reuters")),
    ("Some 300 people were killed, according to UN documents obtained by the Associated Press.",
     ("UN", "international_org", "Associated Press")),
])
def test_a_document_seen_by_an_outlet_is_its_makers_claim_via_the_outlet(text: str, expected: tuple) -> None:
    assert credit(text, 47000 if "47,000" in text else 300) == expected


def test_a_document_seen_by_an_outlet_without_a_maker_stays_the_claimant():
    text = "An internal assessment seen by the Continental Wire says 97 special forces personnel are there."
    claimant, kind, via = credit(text, 97)
    assert claimant.startswith("internal assessment") and (kind, via) == ("anonymous", None)


@pytest.mark.parametrize("outlet", ["state television", "state radio", "local radio"])
def test_television_and_radio_without_a_name_are_sources_of_their_own(outlet: str):
    text = f"At least 1,000 people have died, {outlet} reported, citing the interior ministry."
    assert credit(text, 1000) == ("interior ministry", "government", outlet)


@pytest.mark.parametrize(("text", "expected"), [
    ("Channel 12 news estimated the crowd in Tel Aviv at 500,000.", ("Channel 12 news", "media")),
    ("The crowd was 500,000, France 24 reported.", ("France 24", "media")),
])
def test_a_broadcaster_with_a_number_in_its_name_is_a_source(text: str, expected: tuple) -> None:
    assert credit(text, 500000)[:2] == expected


def test_the_agency_is_the_body_named_before_whatever_its_kind():
    text = ("The World Food Programme warned that 1.1 million people face hunger. The agency said it had "
            "delivered just 180 trucks of food in March.")
    assert credit(text, 180)[:2] == ("World Food Programme", "international_org")


def test_a_web_address_is_one_name():
    text = "More than 2.1 million homes lost power, according to PowerOutage.us."
    assert credit(text, 2.1e6)[0] == "PowerOutage.us"


def test_a_relative_clause_with_a_lower_case_head_credits_the_hedged_figure_before_it():
    text = "Of the 251 hostages, 76 remain in Gaza, including at least 34 the Israeli military says are dead."
    assert credit(text, 34)[:2] == ("Israeli military", "military")


def test_people_in_a_poll_speak_for_themselves():
    text = "Economists in a Reuters poll had expected 62.4%."
    assert credit(text, 62.4)[:2] == ("Economists in a Reuters poll", "expert")


def test_a_statistical_institute_is_government():
    text = "Inflation fell to 61.8% in July, the Turkish Statistical Institute said."
    assert credit(text, 61.8)[:2] == ("Turkish Statistical Institute", "government")


def test_a_passive_after_been_credits_nobody_but_a_source_reporting_it_in_the_sentence():
    assert credit("Growth has been forecast to slow to 4.7% in 2019.", 4.7)[0] is None
    text = "The IPC said famine conditions had been confirmed in five areas."
    assert credit(text, 5)[0] == "IPC"


def test_an_acronym_stands_for_the_name_it_follows_in_brackets():
    text = ("Almost 1.5 million people are on the brink of famine, according to the Integrated Food Security "
            "Phase Classification (IPC). The IPC said famine had been confirmed in five areas.")
    assert credit(text, 5)[0] == "Integrated Food Security Phase Classification"


def test_in_a_statement_is_no_part_of_an_inverted_name():
    text = "We lost 300 clients, said Montana in a statement."
    assert credit(text, 300)[0] == "Montana"


def test_a_prefect_is_government():
    text = '"There are certainly 300 dead," said Francois-Xavier Bieuville, the prefect of the island.'
    assert credit(text, 300)[:2] == ("Francois-Xavier Bieuville", "government")


def test_a_verb_in_s_after_an_acronym_in_brackets_reports():
    text = ("Data compiled by the Armed Conflict Location and Event Data Project (ACLED) shows that over "
            "1,700 civilians were killed.")
    assert credit(text, 1700)[0] == "Armed Conflict Location and Event Data Project"


def test_an_official_in_a_place_is_no_role_of_the_place():
    text = "As many as 5,000 people may have died, a senior official in eastern Libya told Al Jazeera."
    assert credit(text, 5000)[:2] == ("senior official in eastern Libya", "anonymous")


def test_he_after_told_an_outlet_is_whoever_told_it():
    text = "A survivor told Reuters he counted 70 bodies in the village."
    assert credit(text, 70)[:2] == ("survivor", "anonymous")


def test_the_chipmaker_is_the_company_named_before():
    text = "Intel will cut about 15,000 jobs, the chipmaker said on Thursday."
    assert credit(text, 15000)[0] == "Intel"


@pytest.mark.parametrize(("text", "expected"), [
    ("Temperatures reached 49.9C, Environment Canada said.", ("Environment Canada", "government")),
    ("Russia had massed 50,000 troops, said Ukraine's commander-in-chief, Oleksandr Syrskyi.",
     ("Oleksandr Syrskyi", "military")),
])
def test_more_kinds_of_bodies_and_titles(text: str, expected: tuple) -> None:
    assert credit(text, 49.9 if "49.9" in text else 50000)[:2] == expected


def test_an_outlet_that_understands_something_claims_it():
    text = "The Guardian understands that at least 6,500 migrant workers have died in Qatar."
    assert credit(text, 6500)[:2] == ("Guardian", "media")
    assert credit("It is understood that 40 people died.", 40)[0] is None


def test_the_mod_is_military():
    assert claimant_kind("MoD") == "military"


def test_a_storm_opening_the_sentence_is_no_body_a_generic_noun_stands_for():
    text = "Storm Daniel left 2.2 million customers without electricity, the utility said."
    assert credit(text, 2.2e6)[0] == "utility"


def test_an_outlet_reporting_what_sources_said_is_the_channel():
    text = ("Sources on the Ukrainian side said about 3,000 North Korean soldiers had been killed or "
            "wounded, CNN reported.")
    assert credit(text, 3000) == ("Sources on the Ukrainian side", "anonymous", "CNN")


def test_unnamed_activists_are_anonymous():
    assert credit("Dozens of civilians were killed, activists said.", None)[:2] == ("activists", "anonymous")


def test_a_country_is_no_surname_and_neighbouring_is_no_part_of_its_name():
    text = "Neighbouring Guatemala has recorded 43 deaths from dengue this year."
    assert credit(text, 43)[:2] == ("Guatemala", "government")
    assert claimant_kind("Honduras") == "government"


@pytest.mark.parametrize("text", [
    "At least 50 people were killed, two Sudanese army officials told AFP on condition of anonymity.",
    "Russia has lost about 50 tanks, according to two U.S. officials familiar with the intelligence.",
])
def test_the_number_of_nameless_sources_is_no_figure_even_with_names_among_their_modifiers(text: str):
    assert [c.value for c in extract_claims(text)] == [50]


def test_a_capitalised_subject_then_put_reports_a_figure_at():
    assert credit("The Pentagon put Russian casualties at more than 120,000.", 120000)[0] == "Pentagon"


def test_an_outlet_that_has_been_told_something_reports_it():
    text = "The BBC has been told that about 200 British troops will be sent to the region."
    assert credit(text, 200)[:2] == ("BBC", "media")


@pytest.mark.parametrize(("name", "role", "kind"), [
    ("WHO's Africa office", None, "international_org"),
    ("Tedros Adhanom Ghebreyesus", "the WHO director-general", "international_org"),
    ("US military", None, "military"),
    ("US officials", None, "anonymous"),
])
def test_a_body_named_by_an_acronym_gives_its_offices_and_officers_its_kind(name: str, role: str | None,
                                                                            kind: str) -> None:
    assert claimant_kind(name, role) == kind


def test_a_possessive_description_then_a_name_credits_the_name():
    text = "The EU's statistics office Eurostat said euro zone inflation eased to 2.2% in August."
    assert credit(text, 2.2)[0] == "Eurostat"


@pytest.mark.parametrize(("lead", "expected"), [
    ("Key figures from the government's latest update:", "government"),
    ("Key figures from the UN's latest situation report:", "UN"),
    ("The health ministry said:", "health ministry"),
    ("Key points:", None),
])
def test_a_list_item_is_credited_to_the_source_its_lead_in_line_names(lead: str, expected: str | None):
    text = f"{lead}\n\n- Deaths: 1,136\n- Injured: 3,102\n\nOfficials said the figures would rise."
    assert [credit(text, v)[0] for v in (1136, 3102)] == [expected, expected]


@pytest.mark.parametrize("block", [
    "| Region | Deaths | Injured |\n|---|---|---|\n| North | 112 | 340 |\n| South | 47 | 98 |",
    "- Deaths: 112\n- Injured: 340",
])
def test_a_source_line_after_a_table_or_list_credits_its_figures(block: str) -> None:
    text = f"The storm hit the north hardest.\n\n{block}\n\nSource: National Disaster Council\n"
    assert [credit(text, v)[0] for v in (112, 340)] == ["National Disaster Council"] * 2


def test_a_document_word_before_a_colon_is_a_label_not_a_verb():
    assert credit("Damage estimate: 3.5 billion pesos", 3.5e9)[0] is None


def test_projections_by_an_outlet_are_its_claim():
    text = "Donald Trump won 312 electoral votes, according to projections by the Associated Press."
    assert credit(text, 312)[:2] == ("Associated Press", "media")


def test_a_name_then_a_possessive_description_credits_the_name():
    text = "The Bundesbank, Germany's central bank, sees a contraction of 0.2%."
    assert credit(text, 0.2)[:2] == ("Bundesbank", "government")


def test_his_lawyer_is_a_source():
    text = "A court sentenced the journalist to 16 years in a penal colony, his lawyer said."
    assert credit(text, 16)[0] == "his lawyer"


def test_a_capitalised_word_after_another_is_part_of_a_name_not_a_reporting_verb():
    text = ("He and his wife moved to the United States in 1998, when their daughter was 10, his father "
            "has said.")
    assert credit(text, 10)[0] != "his wife moved to the United"


def test_professional_associations_are_ngos_and_trade_associations_other():
    assert claimant_kind("British Medical Association") == "ngo"
    assert claimant_kind("Rail Operators' Association") == "other"


@pytest.mark.parametrize(("text", "value", "expected"), [
    ("Sudan's RSF killed at least 200 people, lawyers tracking the violence said.", 200,
     "lawyers tracking the violence"),
    ("Nearly 2 million Haitians face hunger, according to a report backed by the United Nations.", 2e6,
     "United Nations"),
    ("Rescuers have pulled 653 bodies from the rubble, the junta said.", 653, "junta"),
])
def test_more_source_shapes(text: str, value: float, expected: str) -> None:
    assert credit(text, value)[0] == expected
    assert claimant_kind("junta") == "military"


@pytest.mark.parametrize(("text", "expected"), [
    ("Polling by Ipsos for Reuters found that 38% of Americans approve.", ("Ipsos", "Reuters")),
    ("A YouGov poll for The Times put support at 38%.", ("YouGov", "Times")),
    ("Some 38% of respondents backed the plan, a Gallup poll found.", ("Gallup", None)),
    ("The survey, conducted by Gallup, found 38% support.", ("Gallup", None)),
    ("Satellite images analysed by the BBC showed 38% of buildings destroyed.", ("BBC", None)),
    ("Some 1,240 migrants have died, according to data compiled by the International Organization for "
     "Migration.", ("International Organization for Migration", None)),
])
def test_a_poll_by_a_pollster_for_a_client_is_the_pollster_s_via_the_client(text: str, expected: tuple):
    claimant, _, via = credit(text, 38 if "38%" in text else 1240)
    assert (claimant, via) == expected


def test_with_is_no_part_of_the_source_of_a_participle():
    text = "Thousands protested in Tel Aviv, with organisers saying some 100,000 people attended."
    assert credit(text, 100000)[0] == "organisers"


def test_a_filing_with_a_regulator_is_its_claim():
    text = ("Tesla recalled more than 2 million vehicles, according to a filing with the National Highway "
            "Traffic Safety Administration.")
    assert credit(text, 2e6)[:2] == ("National Highway Traffic Safety Administration", "government")


def test_a_figure_forecast_by_someone_is_theirs():
    text = "Exports fell 7.5%, customs data showed, worse than the 0.4% decline forecast by economists."
    assert credit(text, 0.4)[:2] == ("economists", "expert")


def test_a_description_with_a_nationality_then_a_name_credits_the_name():
    text = "The independent Russian outlet Mediazona has confirmed the names of 95,000 soldiers killed."
    assert credit(text, 95000)[:2] == ("Mediazona", "media")


def test_the_vatican_is_a_government():
    assert claimant_kind("Vatican") == "government"
