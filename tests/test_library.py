"""The layered profile library, forum status, and sources that support facts (`entente profiles ...`).

Fixtures: tests/fixtures/layers/mine is an analyst's own folder (an override of the shipped Vietnam, a new
partner Testland with its party, a superseded and a dormant forum); tests/fixtures/library is a small
library. Outputs are pinned exactly; paths are relative to the checkout so that layer names are stable.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.cli import cli
from engine.core.settings import SHIPPED_PROFILES, Settings, profile_folders
from engine.model import PartnerProfile
from tests.conftest import POLICIES, PROFILES, ROOT, entente, with_testland
from tests.goldens import matches_golden

MINE = "tests/fixtures/layers/mine"
SMALL = "tests/fixtures/library"
STACK = ["--no-shipped-profiles", "--profiles", SMALL, "--profiles", MINE]
GOLDEN = ROOT / "tests" / "golden"
TODAY = ["--today", "2026-12-02"]


@pytest.fixture(autouse=True)
def _in_the_checkout(monkeypatch):
    monkeypatch.chdir(ROOT)


def run(*args: str, env: dict | None = None):
    environment = {"ENTENTE_PROFILES": None, "ENTENTE_TODAY": None, **(env or {})}
    return CliRunner().invoke(cli, ["--policies", str(POLICIES), *args], env=environment)


def shipped_ids(folder: str) -> list[str]:
    return sorted(p.stem for p in (PROFILES / folder).glob("*.yaml"))


def test_folders_come_from_the_flags_then_the_environment_then_a_configuration(tmp_path):
    from engine.core.config import load_house

    env = {"ENTENTE_PROFILES": f"b{os.pathsep}{os.pathsep}c"}
    assert profile_folders((Path("a"),), env, [Path("d")]) == ((Path("a"),), "--profiles")
    assert profile_folders((), env, [Path("d")]) == ((Path("b"), Path("c")), "$ENTENTE_PROFILES")
    assert profile_folders((), {}, [Path("d")]) == ((Path("d"),), "the configuration")
    assert profile_folders((), {"ENTENTE_PROFILES": ""}, ()) == ((), "the configuration")
    config = tmp_path / "entente.toml"
    config.write_text(f'marking = "OFFICIAL"\nprofiles = ["{Path(MINE).resolve()}"]\n')
    house = load_house(config)
    settings = Settings.from_sources(POLICIES, environ={}, house=house)
    assert settings.profile_layers() == [SHIPPED_PROFILES, Path(MINE).resolve()]
    assert settings.profiles_from == f"{config}:2"  # what an error about the folder names
    alone = Settings.from_sources(POLICIES, shipped_profiles=False, environ={}, house=house)
    assert alone.profile_layers() == [Path(MINE).resolve()]


def test_a_users_folder_is_used_together_with_the_shipped_library():
    listing = json.loads(run("--profiles", MINE, "profiles", "list", "--format", "json", *TODAY).stdout)
    partners = {p["id"]: (p["layer"], tuple(p["overrides"])) for p in listing["partners"]}
    assert sorted(partners) == sorted([*shipped_ids("partners"), "testland"])
    assert partners.pop("vietnam") == (MINE, ("shipped",))
    assert partners.pop("testland") == (MINE, ())
    assert set(partners.values()) == {("shipped", ())}
    forums = {f["id"]: f["layer"] for f in listing["forums"]}
    assert forums == {**dict.fromkeys(shipped_ids("forums"), "shipped"), "fishing_talks": MINE, "quiet_club": MINE}

    conditioned = run("--profiles", MINE, "vet", "examples/vietnam-supply-chain-conditioned.yaml", "--format", "json")
    (vietnam,) = json.loads(conditioned.stdout)["assessments"]
    assert (vietnam["profile_as_of"], [f["id"] for f in vietnam["findings"]]) == (
        "2026-03-01",
        ["dispute-linkage", "reform-conditionality"],
    )  # the override states no_military_alliance only: the non-interference red line is not crossed
    india = run("--profiles", MINE, "vet", "examples/india-russia-sanctions.yaml", "--format", "json", *TODAY)
    as_of = next(line for line in (PROFILES / "partners" / "india.yaml").read_text().splitlines() if "as_of" in line)
    assert json.loads(india.stdout)["assessments"][0]["profile_as_of"] == as_of.split(": ")[1]
    assert run("--profiles", MINE, "parties", "republic of testland").stdout == (
        "testland  state            Testland (also: republic of testland)\n"
    )


def test_later_layers_override_earlier_ones_and_the_listing_says_which():
    expected = (
        "partner                  tier                                  as_of       stale  layer\n"
        "japan                    alliance                              2025-09-01  stale  tests/fixtures/library\n"
        "testland                 strategic_partnership                 2026-05-01         tests/fixtures/layers/mine\n"
        "vietnam                  comprehensive_strategic_partnership   2026-03-01         "
        "tests/fixtures/layers/mine (over tests/fixtures/library)\n"
        "\n"
        "forum                    kind          status      layer                       members\n"
        "fishing_talks            minilateral   superseded  tests/fixtures/layers/mine  united_states, vietnam, testland\n"
        "iuu_fishing_partnership  minilateral   active      tests/fixtures/library      "
        "united_states, vietnam, japan, indonesia\n"
        "quiet_club               minilateral   dormant     tests/fixtures/layers/mine  united_states, testland\n"
        "\n"
        "3 partners, 3 forums · stale: as_of missing or older than 365 days before 2026-12-02\n"
    )
    assert run(*STACK, "profiles", "list", *TODAY).stdout == expected
    from_env = {"ENTENTE_PROFILES": f"{SMALL}{os.pathsep}{MINE}"}
    assert run("--no-shipped-profiles", "profiles", "list", *TODAY, env=from_env).stdout == expected
    flags_first = run("--no-shipped-profiles", "--profiles", SMALL, "profiles", "list", *TODAY, env=from_env)
    assert "testland" not in flags_first.stdout  # --profiles replaces $ENTENTE_PROFILES


@pytest.mark.parametrize(
    "args, env, message",
    [
        (["--profiles", "nope"], {}, "--profiles: 'nope' is not a folder"),
        (
            ["--profiles", "README.md"],
            {},
            "--profiles: 'README.md' is a file, not a profile folder "
            "(to use one profile file, pass it with --partner FILE)",
        ),
        (["--profiles", "docs"], {}, "--profiles: 'docs' holds no partners/, forums/ or parties.yaml"),
        (
            [],
            {"ENTENTE_PROFILES": f"{MINE}{os.pathsep}docs"},
            "$ENTENTE_PROFILES: 'docs' holds no partners/, forums/ or parties.yaml",
        ),
    ],
)
def test_a_folder_that_is_not_a_library_is_an_error(args, env, message):
    result = run(*args, "profiles", "list", env=env)
    assert (result.exit_code, result.output) == (
        2,
        f"{message}\n  help: a profile folder holds partners/<id>.yaml and forums/<id>.yaml, and may hold "
        "parties.yaml\n1 error\n",
    )


def test_no_library_at_all_is_an_error():
    result = run("--no-shipped-profiles", "profiles", "list")
    assert (result.exit_code, result.output) == (
        2,
        "--no-shipped-profiles: no profile library: the shipped library is switched off and no folder is given\n"
        "  help: add --profiles DIR (or set $ENTENTE_PROFILES), or drop --no-shipped-profiles\n1 error\n",
    )


def test_a_layer_adds_parties_but_may_not_redefine_one(tmp_path):
    (tmp_path / "partners").mkdir()
    (tmp_path / "parties.yaml").write_text("parties:\n  china: {name: China}\n  ruritania: {name: Ruritania}\n")
    result = run("--profiles", str(tmp_path), "parties", "ruritania")
    assert (result.exit_code, result.output) == (
        2,
        f"{tmp_path}/parties.yaml:2:3: party 'china' is already defined in {POLICIES}/parties.yaml\n"
        "  help: choose another id; a library may add parties, not redefine them\n1 error in 1 file\n",
    )


def test_check_reads_every_layer():
    shipped = len(shipped_ids("partners")) + len(shipped_ids("forums"))
    result = run("--profiles", MINE, "check")
    assert result.stdout.endswith(f" policies in 1 pack, {shipped + 4} other files checked\n")  # not parties.yaml


def test_a_move_in_a_superseded_or_dormant_forum_is_noted():
    talks = run(*STACK, "vet", "tests/fixtures/layers/fishing-talks-human-rights.yaml", "--format", "json", *TODAY)
    superseded = (
        "Fishing talks is superseded by Indo-Pacific partnership against illegal fishing: a move made in the old "
        "format may go unanswered; consider making it in the successor (its members and scope may differ)"
    )
    assert [a["notes"] for a in json.loads(talks.stdout)["assessments"]] == [[superseded], [superseded]]
    brief = run(*STACK, "brief", "tests/fixtures/layers/fishing-talks-human-rights.yaml", *TODAY).stdout
    assert (
        "\n## Coalition view: Fishing talks, superseded by Indo-Pacific partnership against illegal fishing\n" in brief
    )
    quiet = run(*STACK, "vet", "tests/fixtures/layers/trade-in-the-quiet-club.yaml", "--format", "json", *TODAY)
    assert json.loads(quiet.stdout)["assessments"][0]["notes"] == [
        "Quiet Club is dormant (no meeting or activity on record): a move made in it may find no one at the table; "
        "its members and scope are as last recorded"
    ]


def test_show_lists_each_fact_with_its_sources_and_age(pack):
    text = run(*STACK, "profiles", "show", "vietnam", *TODAY)
    assert text.exit_code == 0 and matches_golden(GOLDEN / "profiles-show-vietnam.txt", text.stdout, pack)
    forum = run(*STACK, "profiles", "show", "fishing_talks", "--format", "json", *TODAY)
    assert matches_golden(GOLDEN / "profiles-show-fishing_talks.json", forum.stdout, pack)
    stored = run(*STACK, "profiles", "show", "testland", "--format", "yaml").stdout
    assert stored == (ROOT / MINE / "partners" / "testland.yaml").read_text()
    missing = run(*STACK, "profiles", "show", "vietnm")
    assert (missing.exit_code, missing.output) == (
        2,
        "profiles show: unknown profile 'vietnm'\n  help: did you mean 'vietnam'?\n1 error\n",
    )


def test_review_lists_what_needs_rechecking(pack):
    both = run(*STACK, "profiles", "review", *TODAY)
    assert both.exit_code == 0 and matches_golden(GOLDEN / "profiles-review.txt", both.stdout, pack)
    unsourced = run(*STACK, "profiles", "review", "--unsourced", "--format", "json", *TODAY)
    assert matches_golden(GOLDEN / "profiles-review-unsourced.json", unsourced.stdout, pack)
    assert run(*STACK, "profiles", "review", "--older-than", "2400", *TODAY).stdout == (
        "Facts to re-check on 2026-12-02: sources older than 2400 days or undated\n"
        "\n"
        "testland (partner, tests/fixtures/layers/mine)\n"
        "  hedging  hedging  sources[1]  -  undated\n"
        "\n"
        "vietnam (partner, tests/fixtures/layers/mine)\n"
        "  red_lines[0]  no_military_alliance  white-paper-2019  2019-11-25  2564 days\n"
        "\n"
        "2 facts to re-check in 2 of 6 profiles: 1 with a source older than 2400 days, 1 with undated sources\n"
    )
    assert run(*STACK, "profiles", "review", *TODAY).stdout == both.stdout  # the same bytes every time


def test_the_shipped_library_has_nothing_unsourced_and_nothing_stale_on_2026_12_02():
    count = len(shipped_ids("partners")) + len(shipped_ids("forums"))
    assert run("profiles", "review", "--unsourced", *TODAY).stdout == (
        f"Facts to re-check on 2026-12-02: facts no source supports\n\nnothing to re-check in {count} profiles\n"
    )
    for example in sorted((ROOT / "examples").glob("*.yaml")):
        vetted = CliRunner().invoke(
            cli, ["--policies", str(POLICIES), "vet", str(example), "--fail-on", "none", *TODAY], env={}
        )
        assert (vetted.exit_code, vetted.stderr, "(stale)" in vetted.stdout) == (0, "", False), example.name


def test_the_shipped_forums_of_2026_say_their_status(tmp_path):
    move = tmp_path / "msp-move.yaml"
    move.write_text(
        "id: msp-move\ntitle: A minerals offer\nforum: minerals_security_partnership\n"
        "partner: india\nkind: new_cooperation\ncooperation: [critical_minerals]\n"
    )
    result = run("vet", str(move), "--format", "json", *TODAY)
    assert json.loads(result.stdout)["assessments"][0]["notes"] == [
        "India and the United States call their relationship 'Comprehensive Global Strategic Partnership' (nearest rung: "
        "comprehensive strategic partnership)",
        "Minerals Security Partnership (MSP) is superseded by Forum on Resource Geostrategic Engagement (FORGE): a move "
        "made in the old format may go unanswered; consider making it in the successor (its members and scope may "
        "differ)",
    ]
    listing = json.loads(run("profiles", "list", "--format", "json", *TODAY).stdout)
    statuses = {f["id"]: f["status"] for f in listing["forums"] if f["status"] != "active"}
    assert statuses == {
        "chip4": "dormant",
        "i2u2": "dormant",
        "ipef": "dormant",
        "minerals_security_partnership": "superseded",
    }


def test_a_free_text_source_reads_back_as_written(pack):
    vocabulary = with_testland(pack.vocabulary)
    written = {
        "id": "testland",
        "name": "Testland",
        "tier": "partnership",
        "sources": [
            "Free text",
            {"id": "s1", "url": "https://example.org", "date": "2026-01-02", "supports": ["tier"]},
        ],
    }
    profile = PartnerProfile.model_validate(written, context={"vocabulary": vocabulary})
    assert [(s.free, s.cited, s.ref(i)) for i, s in enumerate(profile.sources)] == [
        (True, "Free text", "sources[0]"),
        (False, "https://example.org", "s1"),
    ]
    assert profile.model_dump(mode="json", exclude_unset=True)["sources"] == written["sources"]


def test_a_library_built_from_one_folder_is_a_one_layer_library(pack):
    from engine.core.library import Layer, Library

    direct, opened = Library(PROFILES, pack.vocabulary), Library.open(PROFILES, pack.vocabulary)
    assert direct.layers == opened.layers == (Layer(PROFILES, "shipped"),)
    assert direct.partner_ids() == opened.partner_ids() == shipped_ids("partners")


def test_an_id_near_no_partner_of_a_large_library_says_where_the_ids_are_listed():
    partners = len(list((PROFILES / "partners").glob("*.yaml")))
    result = entente("vet", str(ROOT / "examples" / "vietnam-supply-chain-conditioned.yaml"), "--partner", "zzzzqqqq")
    assert result.exit_code == 2
    assert result.output == (
        "--partner: unknown partner 'zzzzqqqq' (from --partner)\n"
        f"  help: expected a partner id; none of the {partners} known names is close"
        " (`entente profiles list` lists them)\n1 error\n"
    )


def test_an_id_near_a_known_partner_gives_it_and_the_library_size():
    partners = len(list((PROFILES / "partners").glob("*.yaml")))
    result = entente("vet", str(ROOT / "examples" / "vietnam-supply-chain-conditioned.yaml"), "--partner", "vietnm")
    assert result.exit_code == 2
    assert f"  help: did you mean 'vietnam'? (the library has {partners} partner profiles)\n" in result.output


def test_the_library_listing_reports_every_problem_of_partners_and_forums_at_once(tmp_path):
    (tmp_path / "partners").mkdir()
    (tmp_path / "forums").mkdir()
    (tmp_path / "partners" / "vietnam.yaml").write_text(
        "id: vietnam\nname: Vietnam\nas_of: 2025-13-01\ntier: partnership\n"
    )
    (tmp_path / "forums" / "talks.yaml").write_text("id: talks\nname: Talks\nmembers: [vietnam]\nstatus: dormantt\n")
    result = CliRunner().invoke(cli, ["--profiles", str(tmp_path), "--no-shipped-profiles", "profiles", "list"])
    assert result.exit_code == 2
    assert result.output == (
        f"{tmp_path}/partners/vietnam.yaml:3:8: as_of: expected a date (YYYY-MM-DD), got the text '2025-13-01' "
        "(month value is outside expected range of 1-12)\n  help: write an ISO date such as 2025-09-01\n"
        f"{tmp_path}/forums/talks.yaml:4:9: status: unknown value 'dormantt'\n  help: did you mean 'dormant'?\n"
        "2 errors in 2 files\n"
    )


@pytest.mark.parametrize(
    ("ref", "is_path"),
    [
        ("vietnam", False),
        ("partners/vietnam", True),
        ("partners\\vietnam", True),
        ("vietnam.yaml", True),
        ("vietnam.yml", True),
        ("vietnam.YAML", False),
        ("vietnam.yamlx", False),
    ],
)
def test_a_reference_is_a_path_when_it_has_a_folder_or_a_yaml_suffix(ref, is_path):
    from engine.core.library import looks_like_path

    assert looks_like_path(ref) is is_path


def test_an_id_no_layer_has_is_placed_in_the_top_layer(pack, tmp_path):
    from engine.core.library import Library

    top = tmp_path / "top"
    (top / "partners").mkdir(parents=True)
    library = Library.open([ROOT / SMALL, ROOT / MINE, top], pack.vocabulary)
    assert library.path_of("partner", "nowhere") == top / "partners" / "nowhere.yaml"
    assert library.path_of("partner", "testland") == ROOT / MINE / "partners" / "testland.yaml"
    assert library.path_of("forum", "elsewhere.yaml") == Path("elsewhere.yaml")


def test_a_library_sees_a_profile_added_or_edited_after_its_first_use(pack, tmp_path):
    """Listings and profiles are kept per folder and file version: a change on disk is seen at once."""
    import shutil

    from engine.core.library import Library

    folder = tmp_path / "library"
    shutil.copytree(ROOT / SMALL, folder)
    library = Library.open(folder, pack.vocabulary)
    assert library.partner_ids() == ["japan", "vietnam"]
    assert library.partner("japan").name == "Japan"

    japan = folder / "partners" / "japan.yaml"
    shutil.copy(japan, folder / "partners" / "india.yaml")
    (folder / "partners" / "india.yaml").write_text(japan.read_text().replace("id: japan", "id: india"))
    japan.write_text(japan.read_text().replace("name: Japan", "name: Nippon-koku"))
    later = os.stat(folder / "partners").st_mtime_ns + 1_000_000_000  # a later version, whatever the clock
    os.utime(folder / "partners", ns=(later, later))
    os.utime(japan, ns=(later, later))

    assert library.partner_ids() == ["india", "japan", "vietnam"]
    assert library.partner("japan").name == "Nippon-koku"
    assert library.partner("india").id == "india"


def test_an_unknown_id_from_a_flag_is_reported_on_the_flag_and_only_partners_resolve_aliases(pack):
    from engine.core.library import Library
    from engine.errors import Diagnostic, EntenteError

    library = Library.open(ROOT / SMALL, pack.vocabulary)
    assert library.lookup("partner", "viet nam", None, (), flag="partner").id == "vietnam"  # a party alias
    with pytest.raises(EntenteError) as partner:
        library.lookup("partner", "vietnm", None, (), flag="partner")
    assert list(partner.value.diagnostics) == [
        Diagnostic(
            "--partner",
            0,
            0,
            "unknown partner 'vietnm' (from --partner)",
            "did you mean 'vietnam'? (the library has 2 partner profiles)",
        )
    ]
    with pytest.raises(EntenteError) as forum:
        library.lookup("forum", "rok", None, (), flag="forum")  # an alias of South Korea, not of a forum
    [diagnostic] = forum.value.diagnostics
    assert (diagnostic.path, diagnostic.line, diagnostic.col, diagnostic.message) == (
        "--forum",
        0,
        0,
        "unknown forum 'rok' (from --forum)",
    )


def test_a_library_file_is_checked_as_the_library_reads_it(pack, tmp_path):
    """Read by id, a file must hold that id; read by path, it need not. A forum's successor must be a forum of
    the library, its sources must support its own fields, and a file that is no mapping says what it should be."""
    import shutil

    from engine.core.library import Library
    from engine.errors import EntenteError

    folder = tmp_path / "library"
    shutil.copytree(ROOT / SMALL, folder)
    japan = folder / "partners" / "japan.yaml"
    japan.write_text(japan.read_text().replace("id: japan", "id: india"))
    (folder / "forums" / "talks.yaml").write_text(
        "id: talks\nname: Talks\nmembers: [united_states, vietnam]\nscope: [illegal_fishing]\nstatus: superseded\n"
        "superseded_by: no_such_forum\nsources:\n"
        "  - {id: a, text: A, date: 2020-01-01, supports: [members, nothing_here]}\n"
    )
    (folder / "partners" / "vietnam.yaml").write_text("- just a list\n")
    library = Library.open(folder, pack.vocabulary)

    def problems(load) -> list[str]:
        with pytest.raises(EntenteError) as exc:
            load()
        return [d.render().replace(f"{folder}/", "") for d in exc.value.diagnostics]

    assert problems(lambda: library.partner("japan")) == [
        "partners/japan.yaml:1:5: id 'india' does not match the file name 'japan.yaml'\n"
        "  help: rename the file to 'india.yaml' or set `id: japan`"
    ]
    assert library.partner(str(japan)).id == "india"  # a file given by path may hold any id
    assert problems(lambda: library.forum("talks")) == [
        "forums/talks.yaml:8:60: unknown field path 'nothing_here' in supports\n"
        "  help: expected a field: binding, established, kind, members, scope, status, superseded_by",
        "forums/talks.yaml:6:16: unknown forum 'no_such_forum' in superseded_by\n"
        "  help: expected a forum id: iuu_fishing_partnership, talks (the library has 2 forum profiles)",
    ]
    assert problems(lambda: library.partner("vietnam")) == [
        "partners/vietnam.yaml:1:1: expected a mapping of keys to values for a partner profile, got a list\n"
        "  help: the file's top level is `key: value` lines"
    ]
