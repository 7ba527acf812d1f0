@testable import optimizers
import Testing
@Test func probe() { #expect(probeFindings().count == 1) }
