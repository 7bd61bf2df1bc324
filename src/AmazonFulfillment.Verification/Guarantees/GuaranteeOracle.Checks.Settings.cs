using AmazonFulfillment.Domain;
using AmazonFulfillment.Workflows;

namespace AmazonFulfillment.Verification.Guarantees;

/// <summary>The check that settings take effect at once (guarantee 15).</summary>
public sealed partial class GuaranteeOracle
{
    /// <summary>
    /// 15. Settings take effect at once: while ReadOnly stays on, no state-changing call reaches Amazon; while ImportOrders stays off, no Commerce
    /// order is created and the customer store is not called; while ImportFbaOrders stays off, no FBA Commerce order is created — queued work
    /// included. Once quiet, exactly the work the settings hold is held. A merchant retry while import is off is judged on the inputs.
    /// </summary>
    private IEnumerable<GuaranteeViolation> Guarantee15(View v) =>
        NothingSentWhileReadOnly(v).Concat(NothingImportedWhileImportOff()).Concat(NoFbaImportWhileOff(v)).Concat(HeldAsTheSettingsSay(v));

    private IEnumerable<GuaranteeViolation> NothingSentWhileReadOnly(View v)
    {
        if (_readOnlyMark is not { } m)
        {
            yield break;
        }

        var now = AmazonMark.Of(_amazon);
        foreach (var call in v.ConfirmationCalls.Skip(m.ConfirmationCalls))
        {
            yield return new(15, call.Package.AmazonOrderId, $"package {call.Package.PackageReferenceId} was sent to Amazon while ReadOnly is on.");
        }

        foreach (var id in v.CancellationCalls.Skip(m.CancellationCalls))
        {
            yield return new(15, id, "Amazon was asked to cancel while ReadOnly is on.");
        }

        if (now.Calls > m.Calls && now.ConfirmationCalls == m.ConfirmationCalls && now.CancellationCalls == m.CancellationCalls)
        {
            yield return new(15, null, Text($"{now.Calls - m.Calls} state-changing Amazon calls were made while ReadOnly is on."));
        }

        _readOnlyMark = now;
    }

    private IEnumerable<GuaranteeViolation> NothingImportedWhileImportOff()
    {
        if (_importOffMark is not { } im)
        {
            yield break;
        }

        var now = ImportMark.Of(_commerce, _customers);
        foreach (var id in now.CommerceOrders.Where(id => !im.CommerceOrders.Contains(id)))
        {
            yield return new(15, id, "a Commerce order was created while ImportOrders is off.");
        }

        if ((now.CreateOrderCalls > im.CreateOrderCalls || now.CustomerCalls > im.CustomerCalls) && now.CommerceOrders.Count == im.CommerceOrders.Count)
        {
            yield return new(15, null, Text($"Commerce was asked to create {now.CreateOrderCalls - im.CreateOrderCalls} orders and the customer store was called {now.CustomerCalls - im.CustomerCalls} times while ImportOrders is off."));
        }

        _importOffMark = now;
    }

    private IEnumerable<GuaranteeViolation> NoFbaImportWhileOff(View v)
    {
        if (_fbaImportOffMark is not { } fm)
        {
            yield break;
        }

        foreach (var c in v.Commerce.Where(c => c.Request.Channel == FulfillmentChannel.Amazon && !fm.Contains(c.AmazonOrderId)))
        {
            fm.Add(c.AmazonOrderId);
            yield return new(15, c.AmazonOrderId, "an FBA Commerce order was created while FBA import is off.");
        }
    }

    /// <summary>Once quiet, exactly the work the settings hold is held.</summary>
    private IEnumerable<GuaranteeViolation> HeldAsTheSettingsSay(View v)
    {
        if (!v.Quiet)
        {
            yield break;
        }

        foreach (var o in v.Orders.Where(o => !_poisonedNow.Contains(o.Id)))
        {
            foreach (var e in o.Outbox.Where(e => e.Held != HeldBy(e.Effect, o.Channel, v.Settings)))
            {
                yield return new(15, o.Id, $"{e.Effect.IdempotencyKey} is {(e.Held ? "held" : "not held")} once quiet, and the settings say otherwise.");
            }
        }
    }
}
