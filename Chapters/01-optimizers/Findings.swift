// Findings.swift — probe
import ChapterKit
func probeFindings() -> [Finding] { [Finding("optimizers.probe", "probe", holds: true)] }
