using AmazonFulfillment.Testing;

namespace AmazonFulfillment.Tests.Testing;

public sealed class UntilIdleTests
{
    [Fact]
    public async Task RunAsync_IdleOnTheThirdRound_StopsThereAndStepsBetweenRoundsOnly()
    {
        var rounds = 0;
        var between = 0;
        var took = await UntilIdle.RunAsync(
            _ => Task.FromResult(++rounds == 3),
            maxRounds: 10,
            _ =>
            {
                between++;
                return Task.CompletedTask;
            });

        Assert.Equal(3, took);
        Assert.Equal(3, rounds);
        Assert.Equal(2, between);
    }

    [Fact]
    public async Task RunAsync_NeverIdle_GivesUpAfterMaxRoundsWithNull()
    {
        var rounds = 0;
        var between = 0;
        var took = await UntilIdle.RunAsync(
            _ => Task.FromResult(++rounds < 0),
            maxRounds: 4,
            _ =>
            {
                between++;
                return Task.CompletedTask;
            });

        Assert.Null(took);
        Assert.Equal(4, rounds);
        Assert.Equal(3, between);
    }

    [Fact]
    public async Task RunAsync_NoRounds_Refused()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => UntilIdle.RunAsync(_ => Task.FromResult(true), 0));
    }
}
