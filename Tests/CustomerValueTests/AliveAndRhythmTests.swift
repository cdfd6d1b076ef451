import CustomerValue
import Testing

/// P(alive) with its assumption, and a model-free alternative.
@Suite struct AliveAndRhythmTests {
    @Test func assumptions() {
        #expect(AliveAssumption.of(model: "bgnbd") == .dropoutAfterRepeatPurchasesOnly)
        #expect(AliveAssumption.of(model: "mbgnbd") == .dropoutForEveryCustomer)
        #expect(AliveAssumption.of(model: "pareto") == .dropoutForEveryCustomer)
        #expect(!AliveAssumption.dropoutAfterRepeatPurchasesOnly.isInformative(frequency: 0))
        #expect(AliveAssumption.dropoutAfterRepeatPurchasesOnly.isInformative(frequency: 1))
        #expect(AliveAssumption.dropoutForEveryCustomer.isInformative(frequency: 0))
        // BG/NBD's P(alive) of a one-time buyer is 1 after any silence (the CDNOW parameters).
        let model = BGNBD(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426)
        #expect(model.probabilityAlive(frequency: 0, recency: 0, T: 500) == 1)
        #expect(
            AliveAssumption.dropoutAfterRepeatPurchasesOnly.statement(in: .en)
                == "the model lets customers drop out only after a repeat purchase, so a customer who bought once has "
                + "P(alive) 1 however long ago")
    }

    /// Four repeat purchases over 20 weeks: a 5-week rhythm; 30 weeks of silence are 6 gaps.
    @Test func rhythm() {
        let rhythm = PurchaseRhythm(frequency: 4, recency: 20, T: 50)
        #expect(rhythm.meanGap == 5)
        #expect(rhythm.silence == 30)
        #expect(rhythm.gapsSinceLast == 6)
        #expect(rhythm.isOverdue(by: 2))
        #expect(!PurchaseRhythm(frequency: 4, recency: 20, T: 25).isOverdue(by: 2))
        // A one-time buyer has no rhythm: only the silence.
        let once = PurchaseRhythm(frequency: 0, recency: 0, T: 78)
        #expect(once.meanGap == nil && once.gapsSinceLast == nil && once.silence == 78)
        #expect(!once.isOverdue())
    }
}
