"""Waivers: active, expired, unused, unknown ids; waived findings stop counting toward --fail-on."""

from __future__ import annotations

import json

from tests.conftest import ROOT, entente

CONDITIONED = str(ROOT / "examples" / "vietnam-supply-chain-conditioned.yaml")


def run(*args):
    return entente(*args)


def waivers(tmp_path, *entries: str):
    path = tmp_path / "waivers.yaml"
    path.write_text("waivers:\n" + "".join(entries))
    return path


def entry(policy, expires="2027-03-31", partner="vietnam", proposal=None, reason="Accepted for the pilot"):
    scope = f"    partner: {partner}\n" if partner else ""
    scope += f"    proposal: {proposal}\n" if proposal else ""
    return f'  - policy: {policy}\n{scope}    reason: "{reason}"\n    owner: EAP desk\n    expires: {expires}\n'


def test_active_waiver_marks_the_finding_and_it_stops_counting(tmp_path):
    ids = ("red-line-crossing", "dispute-linkage", "leverage-on-dependence", "reform-conditionality")
    path = waivers(tmp_path, *(entry(i) for i in ids))
    result = run("vet", CONDITIONED, "--waivers", str(path), "--format", "json", "--today", "2026-11-24")
    assert result.exit_code == 0  # every finding at or above high is waived
    findings = json.loads(result.stdout)["assessments"][0]["findings"]
    assert [f["waived"] for f in findings] == [
        {"reason": "Accepted for the pilot", "owner": "EAP desk", "expires": "2027-03-31"}
    ] * 4
    assert "waiver" not in result.stderr


def test_a_partly_waived_result_still_fails_on_the_rest(tmp_path):
    path = waivers(tmp_path, entry("dispute-linkage", proposal="vn-supply-chain-conditioned", partner=None))
    result = run("vet", CONDITIONED, "--waivers", str(path), "--today", "2026-11-24")
    assert result.exit_code == 1
    assert (
        "  HIGH      dispute-linkage: Cooperation made contingent on an issue the partner disputes [WAIVED]\n"
        in result.stdout
    )
    assert "    waived:     until 2027-03-31 by EAP desk: Accepted for the pilot\n" in result.stdout
    assert result.stdout.endswith("4 findings: 1 critical, 3 high (1 waived)\n")


def test_expired_waiver_stops_waiving_and_is_reported(tmp_path):
    path = waivers(tmp_path, entry("dispute-linkage", expires="2026-01-01"))
    result = run("vet", CONDITIONED, "--waivers", str(path), "--format", "json", "--today", "2026-11-24")
    findings = json.loads(result.stdout)["assessments"][0]["findings"]
    assert all(f["waived"] is None for f in findings) and result.exit_code == 1
    assert (
        f"warning: expired waiver (no longer waives): {path}:2: dispute-linkage for partner vietnam "
        "(owner EAP desk, expires 2026-01-01)\n"
    ) in result.stderr


def test_unused_waiver_is_reported(tmp_path):
    path = waivers(tmp_path, entry("label-inflation"))
    result = run("vet", CONDITIONED, "--waivers", str(path), "--today", "2026-11-24")
    assert (
        f"warning: unused waiver (matches no finding): {path}:2: label-inflation for partner vietnam "
        "(owner EAP desk, expires 2027-03-31)\n"
    ) in result.stderr


def test_waiver_for_another_partner_does_not_apply(tmp_path):
    path = waivers(tmp_path, entry("dispute-linkage", partner="india"))
    result = run("vet", CONDITIONED, "--waivers", str(path), "--format", "json", "--today", "2026-11-24")
    assert all(f["waived"] is None for f in json.loads(result.stdout)["assessments"][0]["findings"])
    assert "unused waiver" in result.stderr


def test_no_waivers_shows_everything(tmp_path):
    ids = ("red-line-crossing", "dispute-linkage", "leverage-on-dependence", "reform-conditionality")
    path = waivers(tmp_path, *(entry(i) for i in ids))
    result = run("vet", CONDITIONED, "--waivers", str(path), "--no-waivers", "--today", "2026-11-24")
    assert result.exit_code == 1 and "WAIVED" not in result.stdout


def test_unknown_policy_in_a_waiver_is_an_error(tmp_path):
    path = waivers(tmp_path, entry("dispute-linkag"))
    result = run("vet", CONDITIONED, "--waivers", str(path))
    assert result.exit_code == 2
    assert result.output == (
        f"{path}:2:13: unknown policy 'dispute-linkag' in a waiver\n"
        "  help: did you mean 'dispute-linkage'?\n1 error in 1 file\n"
    )


def test_brief_names_waived_findings_in_the_bottom_line_and_lists_expired_and_unused_waivers(tmp_path):
    path = waivers(
        tmp_path,
        entry("red-line-crossing"),
        entry("reform-conditionality", expires="2026-01-31", reason="Old exception"),
        entry("coercion-of-partner", reason="Nothing to waive"),
    )
    result = run("brief", CONDITIONED, "--waivers", str(path), "--today", "2026-11-24", "--annexes", "full")
    assert result.exit_code == 0
    md = result.stdout
    # the rating leaves the waived critical out, and says what is waived
    assert "**Overall rating: HIGH** (3 high; 1 critical waived)\n" in md
    assert (
        "**Waived:**\n\n- The move crosses a red line the partner has declared (Vietnam): waived by EAP desk until "
        "2027-03-31: Accepted for the pilot\n"
    ) in md
    assert "- Critical: The move crosses a red line" not in md  # not among the top risks
    assert "- *Waived:* waived by EAP desk until 2027-03-31: Accepted for the pilot\n" in md
    assert (
        f"- Waivers applied: red-line-crossing (partner vietnam), owner EAP desk, expires 2027-03-31: Accepted for "
        f"the pilot (at {path}:2)\n"
        f"- Waivers expired: reform-conditionality (partner vietnam), owner EAP desk, expires 2026-01-31: Old "
        f"exception (at {path}:7)\n"
        f"- Waivers unused: coercion-of-partner (partner vietnam), owner EAP desk, expires 2027-03-31: Nothing to "
        f"waive (at {path}:12)\n"
    ) in md
    assert result.stderr.count("warning: ") == 2


def test_a_note_whose_every_risk_is_waived_says_so(tmp_path):
    policies = ("red-line-crossing", "dispute-linkage", "reform-conditionality", "leverage-on-dependence")
    path = waivers(tmp_path, *(entry(p) for p in policies))
    md = run("brief", CONDITIONED, "--waivers", str(path), "--today", "2026-11-24").stdout
    assert "**Overall rating: NONE** (1 critical, 3 high waived)\n\nEvery risk found for Vietnam is waived.\n" in md


def test_a_waiver_expiring_today_still_waives_and_the_next_day_it_does_not(tmp_path):
    path = waivers(tmp_path, entry("dispute-linkage", expires="2026-11-24"))
    on_the_day = run("vet", CONDITIONED, "--waivers", str(path), "--format", "json", "--today", "2026-11-24")
    waived = {f["id"]: f["waived"] for f in json.loads(on_the_day.stdout)["assessments"][0]["findings"]}
    assert waived["dispute-linkage"] == {
        "reason": "Accepted for the pilot",
        "owner": "EAP desk",
        "expires": "2026-11-24",
    }
    assert "expired" not in on_the_day.stderr
    next_day = run("vet", CONDITIONED, "--waivers", str(path), "--format", "json", "--today", "2026-11-25")
    assert all(f["waived"] is None for f in json.loads(next_day.stdout)["assessments"][0]["findings"])
    assert "warning: expired waiver (no longer waives)" in next_day.stderr


def test_a_waiver_naming_no_policy_near_any_known_says_where_they_are_listed(tmp_path, pack):
    path = waivers(tmp_path, entry("zzzzzz"))
    result = run("vet", CONDITIONED, "--waivers", str(path))
    assert result.exit_code == 2
    assert result.output == (
        f"{path}:2:13: unknown policy 'zzzzzz' in a waiver\n"
        f"  help: expected a policy id; none of the {len(pack.policies)} known names is close"
        " (`entente policies list` lists them)\n"
        "1 error in 1 file\n"
    )


def test_a_waiver_file_without_waivers_is_named_as_such(tmp_path):
    path = tmp_path / "waivers.yaml"
    path.write_text("nothing: 1\n")
    result = run("vet", CONDITIONED, "--waivers", str(path))
    assert result.exit_code == 2
    assert result.output == (
        f"{path}:1:1: missing required key 'waivers' in a waiver file\n  help: add `waivers: ...`\n"
        f"{path}:1:1: unknown key 'nothing' in a waiver file\n  help: expected one of: waivers\n2 errors in 1 file\n"
    )


def test_a_waiver_for_one_member_waives_the_forum_finding_that_concerns_it(tmp_path):
    path = waivers(tmp_path, entry("minilateral-scope-creep", partner="indonesia"))
    example = str(ROOT / "examples" / "iuu-fishing-add-human-rights.yaml")
    result = run("vet", example, "--waivers", str(path), "--format", "json", "--today", "2026-11-24")
    out = json.loads(result.stdout)
    assert [(f["id"], f["waived"]) for f in out["forum_findings"]] == [
        ("minilateral-scope-creep", {"reason": "Accepted for the pilot", "owner": "EAP desk", "expires": "2027-03-31"})
    ]
    assert all(f["waived"] is None for a in out["assessments"] for f in a["findings"])
