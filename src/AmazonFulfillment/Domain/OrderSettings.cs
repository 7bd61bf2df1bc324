namespace AmazonFulfillment.Domain;

/// <summary>
/// The order settings of the Amazon sales channel (docs/rules.md section 5). Plain and mutable so the options
/// system can bind it; validated once at host start-up by <c>OrderSettingsValidator</c>.
/// </summary>
public sealed class OrderSettings
{
    /// <summary>Gets or sets whether Commerce orders are created. When <see langword="false"/> orders are only
    /// tracked, and shipments and cancellations are refused (managed in Seller Central).</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool ImportOrders { get; set; } = true;

    /// <summary>Gets or sets the Commerce store view new orders belong to. Required.</summary>
    /// <value>No default; must be set.</value>
    public string? StoreView { get; set; }

    /// <summary>Gets or sets how buyers become customers.</summary>
    /// <value>Default <see cref="Domain.CustomerCreation.Guest"/>.</value>
    public CustomerCreation CustomerCreation { get; set; } = CustomerCreation.Guest;

    /// <summary>Gets or sets who numbers new Commerce orders.</summary>
    /// <value>Default <see cref="Domain.OrderNumberSource.Commerce"/>.</value>
    public OrderNumberSource OrderNumberSource { get; set; } = OrderNumberSource.Commerce;

    /// <summary>Gets or sets whether merchant-fulfilled orders reserve stock when created (FBA orders never do).</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool ReserveInventory { get; set; } = true;

    /// <summary>Gets or sets the initial Commerce status of imported merchant-fulfilled orders, or <see langword="null"/>
    /// for Commerce's default for new orders (conventionally <c>pending</c>).</summary>
    /// <value>Default <see langword="null"/>.</value>
    public string? NewOrderStatus { get; set; }

    /// <summary>Gets or sets whether FBA orders are imported (as <c>complete</c>) once Amazon reports them Shipped.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool ImportFbaOrders { get; set; } = true;

    /// <summary>Gets or sets staging safety: when <see langword="true"/> no state-changing call reaches Amazon;
    /// confirmations and cancellations are held, visible as pending.</summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool ReadOnly { get; set; }

    /// <summary>Gets or sets the automatic attempts (first try, sync cycles, newer observations) for a blocked
    /// import. A merchant retry is always allowed.</summary>
    /// <value>Default 3; at least 1.</value>
    public int MaxImportAttempts { get; set; } = 3;

    /// <summary>Gets or sets how far in the future a shipment's ship date may be, to allow for clock skew.</summary>
    /// <value>Default 5 minutes; from zero to one day.</value>
    public TimeSpan ShipDateClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets how long before Amazon's ship-by deadline (<c>LatestShipDate</c>) a merchant-fulfilled order is
    /// <see cref="ShipByStatus.DueSoon"/>: on the "ship today" list.</summary>
    /// <value>Default one day; from zero to 30 days.</value>
    public TimeSpan ShipByDueSoon { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Gets or sets how long after the ship-by deadline an order still not shipped and confirmed is
    /// <see cref="ShipByStatus.AutoCancelNear"/>: Amazon cancels such orders some days after the deadline.</summary>
    /// <value>Default three days; from one hour to 30 days.</value>
    public TimeSpan ShipByAutoCancelNear { get; set; } = TimeSpan.FromDays(3);

    /// <summary>Gets or sets how long after Amazon accepts a package's confirmation the runtime reads the order's packages back from Amazon
    /// to check that Amazon kept it (Amazon has answered success to <c>confirmShipment</c> and stored no package). A package Amazon does not
    /// hold then is sent again with the same package reference id. <see langword="null"/> turns the check off. Needs an Amazon port that
    /// implements <see cref="Ports.IAmazonPackagesPort"/> (the SP-API client does).</summary>
    /// <value>Default <see langword="null"/> (off); when set, from one minute to seven days. A check runs at the first sync after it is due.</value>
    public TimeSpan? ConfirmationCheckAfter { get; set; }

    /// <summary>Gets or sets how many times a package Amazon accepted but does not hold is sent again before the order shows it as refused,
    /// for the merchant to check in Seller Central and retry or correct.</summary>
    /// <value>Default 2; from zero to five.</value>
    public int ConfirmationResends { get; set; } = 2;

    /// <summary>Gets or sets what a shipment whose carrier code or tracking number fails the <see cref="Carriers"/> check does.</summary>
    /// <value>Default <see cref="CarrierCheckMode.Refuse"/>.</value>
    public CarrierCheckMode CarrierCheck { get; set; } = CarrierCheckMode.Refuse;

    /// <summary>Gets or sets Amazon's carrier table the shipments are checked and mapped against (carrier codes in Amazon's exact
    /// spelling, <c>Other</c> with a listed carrier's name mapped to that carrier, tracking-number layouts). Set in code, not bound
    /// from configuration.</summary>
    /// <value>Default <see cref="CarrierCatalog.Default"/>, the table shipped with the library.</value>
    [System.Text.Json.Serialization.JsonIgnore]
    public CarrierCatalog Carriers { get; set; } = CarrierCatalog.Default;

    /// <summary>Lists every problem with these settings; empty when they are valid.</summary>
    /// <returns>One message per problem, each naming its setting.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        AddNewOrderProblems(problems);
        AddShipmentProblems(problems);
        AddShipByProblems(problems);
        return problems;
    }

    /// <summary>The checks of how new Commerce orders are created: store view, customers, numbering and initial status.</summary>
    private void AddNewOrderProblems(List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(StoreView))
        {
            problems.Add("StoreView is required: the Commerce store view code new orders belong to.");
        }
        else if (StoreView.Length > 64 || StoreView.Any(c => !(char.IsAsciiLetterOrDigit(c) || c == '_')))
        {
            problems.Add($"StoreView '{StoreView}' must be a store view code: up to 64 ASCII letters, digits and underscores.");
        }

        if (!Enum.IsDefined(CustomerCreation))
        {
            problems.Add($"CustomerCreation {(int)CustomerCreation} must be Guest or CreateAccount.");
        }

        if (!Enum.IsDefined(OrderNumberSource))
        {
            problems.Add($"OrderNumberSource {(int)OrderNumberSource} must be Commerce or Amazon.");
        }

        if (NewOrderStatus is not null && (string.IsNullOrWhiteSpace(NewOrderStatus) || NewOrderStatus.Length > 32 || NewOrderStatus.Any(char.IsWhiteSpace)))
        {
            problems.Add($"NewOrderStatus '{NewOrderStatus}' must be unset or a Commerce status code (up to 32 characters, no spaces).");
        }
        else if (NewOrderStatus is CommerceStatuses.Complete or CommerceStatuses.Canceled)
        {
            problems.Add($"NewOrderStatus '{NewOrderStatus}' cannot be the status of a new order: nothing is shipped or cancelled yet.");
        }
    }

    /// <summary>The checks of imports and shipments: attempts, ship date skew and the carrier check.</summary>
    private void AddShipmentProblems(List<string> problems)
    {
        if (MaxImportAttempts < 1)
        {
            problems.Add($"MaxImportAttempts {MaxImportAttempts} must be at least 1.");
        }

        if (ShipDateClockSkew < TimeSpan.Zero || ShipDateClockSkew > TimeSpan.FromDays(1))
        {
            problems.Add($"ShipDateClockSkew {ShipDateClockSkew} must be between zero and one day.");
        }

        if (!Enum.IsDefined(CarrierCheck))
        {
            problems.Add($"CarrierCheck {(int)CarrierCheck} must be Refuse or SendAndFlag.");
        }

        if (Carriers is null)
        {
            problems.Add("Carriers is required: Amazon's carrier table (CarrierCatalog.Default unless the host supplies its own).");
        }
    }

    /// <summary>The checks of the ship-by deadline's thresholds.</summary>
    private void AddShipByProblems(List<string> problems)
    {
        if (ShipByDueSoon < TimeSpan.Zero || ShipByDueSoon > TimeSpan.FromDays(30))
        {
            problems.Add($"ShipByDueSoon {ShipByDueSoon} must be between zero and 30 days.");
        }

        if (ShipByAutoCancelNear < TimeSpan.FromHours(1) || ShipByAutoCancelNear > TimeSpan.FromDays(30))
        {
            problems.Add($"ShipByAutoCancelNear {ShipByAutoCancelNear} must be between one hour and 30 days.");
        }

        if (ConfirmationCheckAfter is { } after && (after < TimeSpan.FromMinutes(1) || after > TimeSpan.FromDays(7)))
        {
            problems.Add($"ConfirmationCheckAfter {after} must be between one minute and seven days, or null to turn the check off.");
        }

        if (ConfirmationResends is < 0 or > 5)
        {
            problems.Add($"ConfirmationResends {ConfirmationResends} must be between 0 and 5.");
        }
    }

    /// <summary>Throws when the settings are invalid.</summary>
    /// <exception cref="ArgumentException">One message listing every problem.</exception>
    public void EnsureValid()
    {
        Problems.ThrowIfAny(Validate(), "Amazon order settings", "settings", ProblemCodes.SettingsOrderSettingsInvalid);
    }

    /// <summary>Returns a copy of these settings.</summary>
    /// <returns>An independent copy.</returns>
    public OrderSettings Clone() => (OrderSettings)MemberwiseClone();
}
