"""Produces the known answers of SuccessiveHalvingPrunerTests and HyperbandPrunerTests.

Run with Optuna 3.1 (Debian's python3-optuna): /usr/bin/python3 known_answers.py
The tests never run this; they hold its output as constants.

Each scenario drives an in-memory study by hand (ask, report, should_prune, tell) with a fixed
table of intermediate values, so the only thing that decides the outcome is the pruner. For each
trial it prints "P<step>/<rungs>" (pruned at <step>) or "C<step>/<rungs>" (completed after its
last step), <rungs> being how many completed_rung_<k> system attributes Optuna stored on it.
"""

import binascii
import math
import types

import optuna
from optuna.pruners import HyperbandPruner, SuccessiveHalvingPruner
from optuna.trial import TrialState

optuna.logging.set_verbosity(optuna.logging.ERROR)


def value(trial: int, step: int) -> float:
    # Same integer arithmetic and IEEE division in C# (KnownAnswerScenario.Value).
    if trial % 11 == 5 and step >= 6:
        return math.nan
    return ((trial * 7919 + step * 31) % 97) / 4.0 + 100.0 / (step + 1)


def run(name, pruner, direction, n_trials, steps):
    study = optuna.create_study(study_name=name, direction=direction, pruner=pruner)
    out = []
    for _ in range(n_trials):
        trial = study.ask()
        outcome = None
        for step in steps:
            trial.report(value(trial.number, step), step)
            if trial.should_prune():
                outcome = "P{}".format(step)
                study.tell(trial, state=TrialState.PRUNED)
                break
        if outcome is None:
            outcome = "C{}".format(steps[-1])
            study.tell(trial, value(trial.number, steps[-1]))
        frozen = study.trials[trial.number]
        rungs = sum(1 for k in frozen.system_attrs if k.startswith("completed_rung_"))
        out.append("{}/{}".format(outcome, rungs))
    return " ".join(out)


def main():
    dense = list(range(0, 250))
    sparse = [0, 1, 3, 7, 20, 33, 70, 90]
    print("SH auto, minimize, steps 0..249:")
    print(run("sh-auto", SuccessiveHalvingPruner(), "minimize", 30, dense))
    print("SH min 1, eta 3, rate 1, bootstrap 2, maximize, steps 0..39:")
    print(run("sh-boot", SuccessiveHalvingPruner(1, 3, 1, 2), "maximize", 25, list(range(40))))
    print("SH min 1, eta 4, minimize, sparse steps:")
    print(run("sh-sparse", SuccessiveHalvingPruner(1, 4), "minimize", 25, sparse))
    print("HB auto max, minimize, steps 0..29, study 'hb-study':")
    print(run("hb-study", HyperbandPruner(), "minimize", 40, list(range(30))))
    print("HB min 2, max 60, eta 2, maximize, steps 0..59, study 'hb-max':")
    print(run("hb-max", HyperbandPruner(2, 60, 2), "maximize", 40, list(range(60))))

    # Bracket ids: crc32("<study>_<number>") walked through the bracket budgets.
    for name, mn, mx, eta in [("gyre", 1, 243, 3), ("hb-study", 1, 30, 3), ("étude", 1, 100, 3)]:
        p = HyperbandPruner(mn, mx, eta)
        study = optuna.create_study(study_name=name, pruner=p)
        p._try_initialization(study)
        # _get_bracket_id reads only the trial's number.
        ids = [p._get_bracket_id(study, types.SimpleNamespace(number=n)) for n in range(40)]
        print("brackets {} min {} max {} eta {}: n_brackets {} budgets {}".format(
            name, mn, mx, eta, p._n_brackets, p._trial_allocation_budgets))
        print("".join(str(i) for i in ids))
    print("crc32('gyre_0') =", binascii.crc32("gyre_0".encode()))
    print("crc32('étude_12') =", binascii.crc32("étude_12".encode()))


if __name__ == "__main__":
    main()
