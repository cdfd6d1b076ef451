import Testing

@testable import CustomerValue

/// Kotler's delivered value on the seeds' coat.
@Suite struct DeliveredValueTests {
    /// The seeds: a coat the customer values at 500, priced 350, "相当于有150元的顾客感知价值".
    /// With no time, energy or physical cost the delivered value is that 150, the ratio
    /// 500/350 = 1.4285714285714286; sold at a cost of 280 the firm keeps 70.
    @Test func theCoat() {
        let coat = DeliveredValue(offer: "coat", productValue: 500, price: 350, firmCost: 280)
        #expect(coat.totalValue == 500 && coat.totalCost == 350)
        #expect(coat.delivered == 150 && coat.valueOverPrice == 150)
        #expect(coat.ratio == 500.0 / 350.0 && coat.ratio == 1.4285714285714286)
        #expect(coat.firmMargin == 70)
    }

    /// An hour in the shop (20), the bother of choosing (10) and carrying it home (5) cost the
    /// customer 35 more: delivered value 500 − 385 = 115, while value − price stays 150.
    @Test func theCoatWithTheCustomersOtherCosts() {
        let coat = DeliveredValue(
            offer: "coat", productValue: 400, serviceValue: 50, personnelValue: 30, imageValue: 20, price: 350,
            timeCost: 20, energyCost: 10, physicalCost: 5)
        #expect(coat.totalValue == 500 && coat.totalCost == 385)
        #expect(coat.delivered == 115 && coat.valueOverPrice == 150)
        #expect(coat.firmMargin == nil)
        #expect(DeliveredValue(offer: "free", productValue: 1, price: 0).ratio == nil)
    }
}
