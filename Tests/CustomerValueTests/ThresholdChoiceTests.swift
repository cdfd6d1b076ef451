import CustomerValue
import Testing

/// The value matrix's default threshold splits real data, and says which it used.
@Suite struct ThresholdChoiceTests {
    /// Six of ten customers bought nothing in the window: the median is 0, the smallest value, so
    /// "high" would mean "bought anything". The automatic threshold takes the median of the four
    /// values above 0 instead (type 7, h = 1.5: 20 + 0.5 · 10 = 25), and says so.
    @Test func automaticFallsBackToTheMedianAboveTheMinimum() {
        let current: [Double] = [0, 0, 0, 0, 0, 0, 10, 20, 30, 40]
        let choice = ThresholdChoice(.automatic, values: current)
        #expect(choice.basis == .medianAboveMinimum)
        #expect(choice.value == 25)
        #expect(choice.atMinimum == 6 && choice.customers == 10)
        #expect(
            choice.explanation(in: .en)
                == "the median of all 10 customers' values is their smallest value, 0 (6 customers have it), so high "
                + "would mean more than that; the median of the 4 values above it is used: 25")
        #expect(
            choice.explanation(in: .zh)
                == "全部 10 位客户的中位数等于最小值 0（6 位客户为此值），“高”将只表示高于该值；改用高于最小值的 4 个值的中位数：25")
        let matrix = ValueMatrix(current: current, potential: [1, 1, 1, 1, 1, 1, 1, 1, 1, 2])
        #expect(matrix.currentRule == .automatic)
        #expect(matrix.currentThreshold == 25)
        #expect(matrix.currentChoice == choice)
        // 30 and 40 are high current value; potential's median is 1 (the minimum, 9 of 10), so the
        // median of the values above it, 2, is its threshold and nobody is above it.
        #expect(matrix.potentialThreshold == 2)
        #expect(matrix.cell(.maintain).customers == 2)
        #expect(matrix.cell(.nurture).customers == 8)
    }

    /// When the median is not the smallest value, automatic is the plain median.
    @Test func automaticIsTheMedianOtherwise() throws {
        let choice = ThresholdChoice(.automatic, values: [3, 1, 2, .nan])
        #expect(choice.basis == .median && choice.value == 2 && choice.customers == 3)
        #expect(choice.explanation(in: .en) == "median of the 3 customers' values: 2")
        // Every value the same: nothing is above the minimum, so the median (the value) stays.
        #expect(ThresholdChoice(.automatic, values: [0, 0, 0]).basis == .median)
        #expect(ThresholdChoice(.automatic, values: []).value == 0)
        #expect(try Threshold(parsing: "auto") == Threshold.automatic)
        #expect(Threshold.automatic.description == "auto")
        #expect(ThresholdChoice(.fixed(7), values: [1]).explanation(in: .zh) == "固定为 7")
        #expect(ThresholdChoice(.mean, values: [1e308, 1e308]).value == 1e308)
    }
}
