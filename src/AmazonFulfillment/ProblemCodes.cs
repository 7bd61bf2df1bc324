using System.Collections.Frozen;

namespace AmazonFulfillment;

/// <summary>
/// The stable codes of every refusal, order error, effect failure and exception the library documents. A code names the
/// problem, the message beside it the values involved: hosts match on the code (in logs, dashboards, alerts), never on the
/// message, which may be reworded. <see cref="All"/> holds the catalog (what happened, the cause and the fix of each code);
/// docs/troubleshooting.md is generated from it.
/// </summary>
/// <remarks>
/// A code shows as <see cref="Workflows.Refusal.Code"/>, <see cref="Domain.FulfillmentOrder.ErrorCode"/>,
/// <see cref="Domain.EffectFailure.Code"/>, the <c>Code</c> property of the library's own exceptions, and, on any exception the
/// library throws, in <see cref="Exception.Data"/> under <see cref="DataKey"/> (read it with <see cref="Of"/>).
/// Argument-null guards carry none: their parameter name says everything.
/// </remarks>
public static partial class ProblemCodes
{
    /// <summary>The key of an exception's <see cref="Exception.Data"/> that holds its code.</summary>
    public const string DataKey = "amazonfulfillment.code";

    // ---- Orders ------------------------------------------------------------------------------------

    /// <summary>A merchant input or a sync names an order that is not tracked.</summary>
    public const string OrderNotTracked = "order.not_tracked";

    /// <summary>Amazon reports the order Unfulfillable; it is not imported (an order error).</summary>
    public const string OrderUnfulfillable = "order.unfulfillable";

    /// <summary>Amazon cancelled the order after Commerce shipped a package of it (an order error).</summary>
    public const string OrderCanceledAfterShipment = "order.canceled_after_shipment";

    // ---- Amazon stores -----------------------------------------------------------------------------

    /// <summary>An order, observation or sweep names an Amazon store this host does not run.</summary>
    public const string AmazonStoreNotConfigured = "amazon_store.not_configured";

    /// <summary>An observation of a tracked order comes from another Amazon store than the order's.</summary>
    public const string AmazonStoreChanged = "amazon_store.changed";

    /// <summary>A configured Amazon store has no order settings.</summary>
    public const string AmazonStoreSettingsMissing = "amazon_store.settings_missing";

    /// <summary>An Amazon store name is invalid, or names the default store where another is needed.</summary>
    public const string AmazonStoreNameInvalid = "amazon_store.name_invalid";

    // ---- Observations ------------------------------------------------------------------------------

    /// <summary>Amazon reports another fulfilment channel for a tracked order.</summary>
    public const string ObservationChannelChanged = "observation.channel_changed";

    // ---- The workflow graph ------------------------------------------------------------------------

    /// <summary>The input is not allowed in the order's state.</summary>
    public const string WorkflowNotAllowed = "workflow.not_allowed";

    /// <summary>The input needs a condition (a guard) the order does not meet.</summary>
    public const string WorkflowGuardUnmet = "workflow.guard_unmet";

    // ---- Shipments ---------------------------------------------------------------------------------

    /// <summary>A shipment was recorded for an FBA order.</summary>
    public const string ShipmentFbaOrder = "shipment.fba_order";

    /// <summary>A shipment was recorded while <c>ImportOrders</c> is off.</summary>
    public const string ShipmentImportOff = "shipment.import_off";

    /// <summary>A package reference id already recorded was given again with other content.</summary>
    public const string ShipmentPackageIdReused = "shipment.package_id_reused";

    /// <summary>A shipment was recorded for a cancelled order.</summary>
    public const string ShipmentOrderCanceled = "shipment.order_canceled";

    /// <summary>A shipment was recorded while the merchant's cancellation waits for Amazon.</summary>
    public const string ShipmentCancellationPending = "shipment.cancellation_pending";

    /// <summary>A shipment was recorded for an order whose import is blocked.</summary>
    public const string ShipmentImportBlocked = "shipment.import_blocked";

    /// <summary>A shipment was recorded before the order's Commerce order exists.</summary>
    public const string ShipmentNotInCommerce = "shipment.not_in_commerce";

    /// <summary>A package's ship date is later than the clock plus the allowed skew.</summary>
    public const string ShipmentShipDateInFuture = "shipment.ship_date_in_future";

    /// <summary>A package lists an order item that is not part of the order.</summary>
    public const string ShipmentItemNotInOrder = "shipment.item_not_in_order";

    /// <summary>A package ships more units of an order item than remain unshipped.</summary>
    public const string ShipmentQuantityExceedsRemaining = "shipment.quantity_exceeds_remaining";

    /// <summary>A correction of a package Amazon refused changes its items.</summary>
    public const string ShipmentCorrectionChangesItems = "shipment.correction_changes_items";

    // ---- Carriers ----------------------------------------------------------------------------------

    /// <summary>A package's carrier code is not one of Amazon's.</summary>
    public const string CarrierCodeUnknown = "carrier.code_unknown";

    /// <summary>A package's carrier code is <c>Other</c> without a carrier name.</summary>
    public const string CarrierNameRequired = "carrier.name_required";

    /// <summary>A package's tracking number does not have its carrier's layout.</summary>
    public const string CarrierTrackingNumberInvalid = "carrier.tracking_number_invalid";

    // ---- Cancellations -----------------------------------------------------------------------------

    /// <summary>The merchant asked to cancel an FBA order.</summary>
    public const string CancelFbaOrder = "cancel.fba_order";

    /// <summary>The merchant asked to cancel while <c>ImportOrders</c> is off.</summary>
    public const string CancelImportOff = "cancel.import_off";

    /// <summary>The cancellation reason is missing or not one Amazon accepts.</summary>
    public const string CancelReasonInvalid = "cancel.reason_invalid";

    /// <summary>The reason <c>BuyerCanceled</c> was given for an order whose buyer asked nothing.</summary>
    public const string CancelBuyerCanceledWithoutRequest = "cancel.buyer_canceled_without_request";

    /// <summary>The merchant asked to cancel an order that is not Unshipped with nothing shipped.</summary>
    public const string CancelNotUnshipped = "cancel.not_unshipped";

    /// <summary>Amazon refused the merchant's cancellation (an order error).</summary>
    public const string CancelRefusedByAmazon = "cancel.refused_by_amazon";

    /// <summary>Amazon reported shipped units before the merchant's cancellation was sent; it was dropped (an order error).</summary>
    public const string CancelOvertakenByShipment = "cancel.overtaken_by_shipment";

    // ---- Retries -----------------------------------------------------------------------------------

    /// <summary>The merchant asked to retry an import while the channel's import setting is off.</summary>
    public const string RetryImportOff = "retry.import_off";

    /// <summary>The merchant asked to send refused confirmations again while <c>ImportOrders</c> is off.</summary>
    public const string RetryConfirmationImportOff = "retry.confirmation_import_off";

    /// <summary>The merchant asked to retry an order with neither a blocked import nor a refused confirmation.</summary>
    public const string RetryNothingToRetry = "retry.nothing_to_retry";

    // ---- Imports -----------------------------------------------------------------------------------

    /// <summary>The import waits because the channel's import setting is off (an order note).</summary>
    public const string ImportHeld = "import.held";

    /// <summary>Commerce refused to create the order; the import is blocked (an order error).</summary>
    public const string ImportRefusedByCommerce = "import.refused_by_commerce";

    /// <summary>Fetching the items or resolving the customer was rejected; the import is blocked (an order error).</summary>
    public const string ImportStepRejected = "import.step_rejected";

    // ---- Confirmations and other effects -----------------------------------------------------------

    /// <summary>Amazon refused the confirmation of a package (an order error).</summary>
    public const string ConfirmationRefusedByAmazon = "confirmation.refused_by_amazon";

    /// <summary>Amazon accepted a package's confirmation but did not hold it when read back, after every resend (an order error).</summary>
    public const string ConfirmationNotKeptByAmazon = "confirmation.not_kept_by_amazon";

    /// <summary>Reading an order's packages back from Amazon failed permanently; the check runs again later (an order error).</summary>
    public const string ConfirmationCheckFailed = "confirmation.check_failed";

    /// <summary>A Commerce step (complete, mark processing, cancel) was rejected (an effect failure).</summary>
    public const string EffectRejected = "effect.rejected";

    // ---- Port answers ------------------------------------------------------------------------------

    /// <summary>The Amazon port's order items are missing, hold a null line, or list an order item twice.</summary>
    public const string PortItemsInvalid = "port.items_invalid";

    /// <summary>The Amazon port's order items lack units Commerce already shipped.</summary>
    public const string PortItemsLackShippedUnits = "port.items_lack_shipped_units";

    /// <summary>The customers port resolved a customer without an id.</summary>
    public const string PortCustomerIdMissing = "port.customer_id_missing";

    /// <summary>The Commerce port created an order without its id, number or status.</summary>
    public const string PortCommerceOrderIncomplete = "port.commerce_order_incomplete";

    /// <summary>A port answered in a way its contract does not allow (a status that does not exist, a success without its value).</summary>
    public const string PortContractBroken = "port.contract_broken";

    // ---- Order stores ------------------------------------------------------------------------------

    /// <summary>The order store kept failing to save an order (<see cref="Runtime.OrderStoreException"/>).</summary>
    public const string StoreSaveFailed = "store.save_failed";

    /// <summary>An order's input kept losing against concurrent writers (<see cref="Runtime.OrderConflictException"/>).</summary>
    public const string StoreConflictRetriesExhausted = "store.conflict_retries_exhausted";

    /// <summary>A stored order document cannot be read.</summary>
    public const string StoreDocumentInvalid = "store.document_invalid";

    /// <summary>The order store cannot list orders by ship-by deadline.</summary>
    public const string StoreShipByIndexMissing = "store.ship_by_index_missing";

    /// <summary>The EF Core context does not map the library's tables.</summary>
    public const string StoreModelNotMapped = "store.model_not_mapped";

    /// <summary>The claiming EF Core store runs on another database than PostgreSQL.</summary>
    public const string StoreProviderNotPostgreSql = "store.provider_not_postgresql";

    // ---- Settings and options ----------------------------------------------------------------------

    /// <summary>Order settings are invalid.</summary>
    public const string SettingsOrderSettingsInvalid = "settings.order_settings_invalid";

    /// <summary>Options of the runtime, a store, the SP-API client or the poller are invalid.</summary>
    public const string SettingsOptionsInvalid = "settings.options_invalid";

    /// <summary>A port the runtime needs is not registered.</summary>
    public const string SettingsPortsMissing = "settings.ports_missing";

    /// <summary>A carrier catalog is not valid.</summary>
    public const string SettingsCarrierCatalogInvalid = "settings.carrier_catalog_invalid";

    // ---- Values given to the library ---------------------------------------------------------------

    /// <summary>An Amazon order id is the default (empty) value.</summary>
    public const string InputOrderIdMissing = "input.order_id_missing";

    /// <summary>A domain value (an id, a SKU, an amount, an email …) fails its rules.</summary>
    public const string InputInvalidValue = "input.invalid_value";

    /// <summary>An Amazon order snapshot fails its rules.</summary>
    public const string InputInvalidSnapshot = "input.invalid_snapshot";

    /// <summary>A shipment package fails its rules.</summary>
    public const string InputInvalidPackage = "input.invalid_package";

    // ---- Amazon's payloads -------------------------------------------------------------------------

    /// <summary>An SP-API payload cannot be mapped (<c>SellingPartnerFormatException</c>).</summary>
    public const string SpApiPayloadInvalid = "spapi.payload_invalid";

    // ---- Misuse and defects ------------------------------------------------------------------------

    /// <summary>A method was called with an argument its contract forbids.</summary>
    public const string UsageInvalidArgument = "usage.invalid_argument";

    /// <summary>A method was called in a state that does not allow it.</summary>
    public const string UsageInvalidOperation = "usage.invalid_operation";

    /// <summary>An invariant of the library itself does not hold: a defect.</summary>
    public const string InternalInvariantBroken = "internal.invariant_broken";

    /// <summary>Gets the catalog: every code with what happened, its cause and its fix, grouped by area.</summary>
    public static IReadOnlyList<ProblemEntry> All { get; } = Catalog();

    // After All: static initializers run in the order written.
    private static readonly FrozenDictionary<string, ProblemEntry> ByCode = All.ToFrozenDictionary(e => e.Code, StringComparer.Ordinal);

    /// <summary>Finds a code's entry in the catalog.</summary>
    /// <param name="code">The code.</param>
    /// <returns>The entry, or <see langword="null"/> when the code is not in the catalog.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="code"/> is null.</exception>
    public static ProblemEntry? Describe(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return ByCode.GetValueOrDefault(code);
    }

    /// <summary>Reads the code an exception carries (<see cref="DataKey"/> in its <see cref="Exception.Data"/>).</summary>
    /// <param name="exception">The exception.</param>
    /// <returns>The code, or <see langword="null"/> when it carries none (it was not thrown by the library).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="exception"/> is null.</exception>
    public static string? Of(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.Data[DataKey] as string;
    }

    /// <summary>Gives an exception its code, so that <see cref="Of"/> reads it; for the library's packages and port implementations.</summary>
    /// <typeparam name="TException">The exception's type.</typeparam>
    /// <param name="code">The code, one of this class's constants.</param>
    /// <param name="exception">The exception.</param>
    /// <returns>The same exception, to throw.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="code"/> or <paramref name="exception"/> is null.</exception>
    public static TException Attach<TException>(string code, TException exception)
        where TException : Exception
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(exception);
        exception.Data[DataKey] = code;
        return exception;
    }
}
