using AmazonFulfillment.Ports;
using Xunit;

namespace AmazonFulfillment.Verification.Conformance;

/// <summary>
/// The contract of <see cref="ICustomersPort"/>, as xunit tests: derive from this class and implement
/// <see cref="CreatePortAsync"/>. Checks: find-or-create unique per email (case-insensitive), concurrent creation for
/// one email gives one customer, and that every member honours a cancelled token.
/// </summary>
public abstract class CustomersPortConformanceTests
{
    /// <summary>Creates the port under test (a fresh one for each test).</summary>
    /// <returns>The port.</returns>
    protected abstract Task<ICustomersPort> CreatePortAsync();

    /// <summary>Creates an email no other test uses.</summary>
    /// <returns>The email.</returns>
    protected virtual string NewEmail() => $"buyer.{Guid.NewGuid():N}@example.com";

    /// <summary>Checks that an unknown email finds nobody.</summary>
    /// <returns>A task.</returns>
    [ConformanceFact]
    public async Task FindCustomer_UnknownEmail_ReturnsNull()
    {
        var port = await CreatePortAsync().ConfigureAwait(false);

        var found = await port.FindCustomerAsync(NewEmail()).ConfigureAwait(false);

        Assert.True(found.IsSuccess, found.Reason);
        Assert.Null(found.Value);
    }

    /// <summary>Checks that a created customer is found, whatever the letter case of the email.</summary>
    /// <returns>A task.</returns>
    [ConformanceFact]
    public async Task FindCustomer_AfterCreateInOtherCase_FindsIt()
    {
        var port = await CreatePortAsync().ConfigureAwait(false);
        var email = NewEmail();

        var created = await port.CreateCustomerAsync(email, "Ana Buyer").ConfigureAwait(false);
        var found = await port.FindCustomerAsync(email.ToUpperInvariant()).ConfigureAwait(false);

        Assert.True(created.IsSuccess, created.Reason);
        Assert.Equal(created.Value, found.Value);
    }

    /// <summary>Checks that creating twice for one email (in another case) returns the same customer.</summary>
    /// <returns>A task.</returns>
    [ConformanceFact]
    public async Task CreateCustomer_SameEmailTwice_SameCustomer()
    {
        var port = await CreatePortAsync().ConfigureAwait(false);
        var email = NewEmail();

        var first = await port.CreateCustomerAsync(email, "Ana Buyer").ConfigureAwait(false);
        var second = await port.CreateCustomerAsync(email.ToUpperInvariant(), null).ConfigureAwait(false);

        Assert.True(first.IsSuccess && second.IsSuccess, first.Reason ?? second.Reason);
        Assert.Equal(first.Value, second.Value);
    }

    /// <summary>Checks that concurrent creations for one email give one customer.</summary>
    /// <returns>A task.</returns>
    [ConformanceFact]
    public async Task CreateCustomer_ConcurrentlyForOneEmail_OneCustomer()
    {
        var port = await CreatePortAsync().ConfigureAwait(false);
        var email = NewEmail();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
            await port.CreateCustomerAsync(i % 2 == 0 ? email : email.ToUpperInvariant(), "Ana Buyer").ConfigureAwait(false)))).ConfigureAwait(false);

        Assert.All(results, r => Assert.True(r.IsSuccess, r.Reason));
        Assert.Single(results.Select(r => r.Value).Distinct(StringComparer.Ordinal));
        Assert.Equal(results[0].Value, (await port.FindCustomerAsync(email).ConfigureAwait(false)).Value);
    }

    /// <summary>Checks that two emails give two customers.</summary>
    /// <returns>A task.</returns>
    [ConformanceFact]
    public async Task CreateCustomer_TwoEmails_TwoCustomers()
    {
        var port = await CreatePortAsync().ConfigureAwait(false);

        var a = await port.CreateCustomerAsync(NewEmail(), null).ConfigureAwait(false);
        var b = await port.CreateCustomerAsync(NewEmail(), null).ConfigureAwait(false);

        Assert.NotEqual(a.Value, b.Value);
    }

    /// <summary>Checks that every member honours a cancelled token.</summary>
    /// <returns>A task.</returns>
    [ConformanceFact]
    public async Task EveryMember_CancelledToken_ThrowsOrReturnsPromptly()
    {
        var port = await CreatePortAsync().ConfigureAwait(false);
        var email = NewEmail();

        await Cancellation.HonouredAsync(async ct => await port.FindCustomerAsync(email, ct).ConfigureAwait(false)).ConfigureAwait(false);
        await Cancellation.HonouredAsync(async ct => await port.CreateCustomerAsync(email, null, ct).ConfigureAwait(false)).ConfigureAwait(false);
    }
}
