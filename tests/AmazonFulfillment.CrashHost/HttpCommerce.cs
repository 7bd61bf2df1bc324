using System.Net.Http.Json;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;

namespace AmazonFulfillment.CrashHost;

/// <summary>
/// The Commerce orders and customers ports over HTTP, to the fake Commerce the crash tests serve (<see cref="CommerceWire"/>).
/// A call that gets no answer (refused, dropped, timed out, a 5xx) is a transient failure, so the runtime retries it; creation
/// is idempotent on the Amazon order id and customer creation on the email, on the other side, as the port contracts say.
/// </summary>
internal sealed class HttpCommerce(HttpClient http) : ICommerceOrdersPort, ICustomersPort
{
    /// <summary>The Amazon order ids of the Commerce orders, in creation order; none while Commerce cannot be reached (the next cycle reads them).</summary>
    public async Task<IReadOnlyList<string>> OrderIdsAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await http.GetFromJsonAsync<List<string>>(CommerceWire.Orders, CommerceWire.Json, cancellationToken) ?? [];
        }
        catch (HttpRequestException)
        {
            return [];
        }
    }

    public async ValueTask<PortResult<CommerceOrderRef>> CreateOrderAsync(CommerceOrderRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return (await PostAsync<CommerceOrderRef>(CommerceWire.CreateOrder, OrderRequestWire.From(request), cancellationToken)).ToResult();
    }

    public ValueTask<PortResult> CompleteOrderAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default) =>
        PostPlainAsync(CommerceWire.CompleteOrder, new OrderIdWire(amazonOrderId.Value), cancellationToken);

    public ValueTask<PortResult> MarkOrderProcessingAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default) =>
        PostPlainAsync(CommerceWire.MarkOrderProcessing, new OrderIdWire(amazonOrderId.Value), cancellationToken);

    public ValueTask<PortResult> CancelOrderAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default) =>
        PostPlainAsync(CommerceWire.CancelOrder, new OrderIdWire(amazonOrderId.Value), cancellationToken);

    public async ValueTask<PortResult<string?>> FindCustomerAsync(string email, CancellationToken cancellationToken = default) =>
        (await PostAsync<string?>(CommerceWire.FindCustomer, new CustomerWire(email, null), cancellationToken)).ToResult();

    public async ValueTask<PortResult<string>> CreateCustomerAsync(string email, string? name, CancellationToken cancellationToken = default) =>
        (await PostAsync<string>(CommerceWire.CreateCustomer, new CustomerWire(email, name), cancellationToken)).ToResult();

    private async ValueTask<PortResult> PostPlainAsync<TBody>(string path, TBody body, CancellationToken cancellationToken) =>
        (await PostAsync<bool>(path, body, cancellationToken)).ToPlainResult();

    private async Task<ResultWire<T>> PostAsync<T>(string path, object? body, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.PostAsJsonAsync(path, body, CommerceWire.Json, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return new ResultWire<T>(PortStatus.Transient, default, $"Commerce answered HTTP {(int)response.StatusCode}", null);
            }

            return await response.Content.ReadFromJsonAsync<ResultWire<T>>(CommerceWire.Json, cancellationToken)
                ?? new ResultWire<T>(PortStatus.Transient, default, "Commerce answered an empty body", null);
        }
        catch (HttpRequestException e)
        {
            return new ResultWire<T>(PortStatus.Transient, default, $"Commerce unreachable ({e.HttpRequestError})", null);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ResultWire<T>(PortStatus.Transient, default, "Commerce timed out", null);
        }
    }
}
