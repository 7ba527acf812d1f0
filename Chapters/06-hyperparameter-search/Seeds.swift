// Seeds.swift — the hyperparameter search at five seeds (make seeds): its
// tables read back from each run, and every finding at each seed. No band
// figure: the search draws its trials from the seed, and its reruns already
// show what the seed does to one setting (reruns.png).

import ChapterKit

extension SearchTables {
    /// The tables a run of the chapter wrote into `folder`.
    init(reading folder: String) throws {
        self.init(
            curves: try DataTable(reading: "trial-curves.dat", in: folder),
            trials: try DataTable(reading: "trials.dat", in: folder),
            grid: try DataTable(reading: "grid.dat", in: folder),
            gridVsRandom: try DataTable(reading: "grid-vs-random.dat", in: folder),
            reruns: try DataTable(reading: "reruns.dat", in: folder),
            finalTest: try DataTable(reading: "final-test.dat", in: folder),
            withoutWeightDecay: try DataTable(reading: "without-weight-decay.dat", in: folder))
    }
}

/// `make seeds`' last step: reads the runs at the five seeds under `folder`,
/// writes `seeds.txt` into the figures, and exits.
func collectSeeds(_ options: ChapterOptions, from folder: String) -> Never {
    options.collectSeeds(
        from: folder, chapter: "hyperparameter-search", load: SearchTables.init(reading:), findings: hyperparameterFindings,
        band: { _, _ in ([], []) })
}
