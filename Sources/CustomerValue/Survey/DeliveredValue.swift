/// Customer delivered value (顾客让渡价值, Kotler): what an offer is worth to the customer less
/// what it costs them, beside what it costs the firm to deliver.
///
/// Total customer value = product + service + personnel + image value; total customer cost =
/// monetary (the price) + time + energy (精神) + physical (体力) cost; delivered value = value −
/// cost, and the ratio value ÷ cost. The seeds' coat: valued at 500, priced 350, no other cost,
/// gives 150, which the seeds call the customer's perceived value — the same as the delivered
/// value only because the time, energy and physical costs are zero. The firm's margin (price −
/// its cost to deliver) shows whether the delivered value pays for itself.
public struct DeliveredValue: Sendable, Equatable {
    public var offer: String
    /// Whose offer: empty for the firm's own, else a competitor's name.
    public var provider: String
    public var productValue, serviceValue, personnelValue, imageValue: Double
    public var price, timeCost, energyCost, physicalCost: Double
    /// What it costs the firm to deliver the offer; nil when unknown.
    public var firmCost: Double?

    public init(
        offer: String, provider: String = "", productValue: Double, serviceValue: Double = 0,
        personnelValue: Double = 0, imageValue: Double = 0, price: Double, timeCost: Double = 0,
        energyCost: Double = 0, physicalCost: Double = 0, firmCost: Double? = nil
    ) {
        self.offer = offer
        self.provider = provider
        self.productValue = productValue
        self.serviceValue = serviceValue
        self.personnelValue = personnelValue
        self.imageValue = imageValue
        self.price = price
        self.timeCost = timeCost
        self.energyCost = energyCost
        self.physicalCost = physicalCost
        self.firmCost = firmCost
    }

    public var totalValue: Double { productValue + serviceValue + personnelValue + imageValue }
    public var totalCost: Double { price + timeCost + energyCost + physicalCost }
    /// Total customer value − total customer cost.
    public var delivered: Double { totalValue - totalCost }
    /// Total customer value ÷ total customer cost; nil when the cost is 0.
    public var ratio: Double? { totalCost > 0 ? totalValue / totalCost : nil }
    /// Value − price: what the seeds call perceived value (the coat's 150).
    public var valueOverPrice: Double { totalValue - price }
    /// Price − the firm's cost to deliver: whether the delivered value pays for itself.
    public var firmMargin: Double? { firmCost.map { price - $0 } }
}
