using System.Collections.Concurrent;

namespace SupplierQuality.Integration.Tests.Storage;

public interface IStorageProbeGrain : IGrainWithStringKey
{
    Task SetAsync(string value);

    Task<string?> GetAsync();

    Task ClearAsync();

    Task StartReminderAsync(TimeSpan period);

    Task StopReminderAsync();

    Task<bool> HasReminderAsync();
}

[GenerateSerializer]
public sealed class ProbeState
{
    [Id(0)]
    public string? Value { get; set; }
}

/// <summary>A grain with state in the "Default" ADO.NET storage and one reminder, to exercise both tables.</summary>
public sealed class StorageProbeGrain(
    [PersistentState("probe", "Default")] IPersistentState<ProbeState> state) : Grain, IStorageProbeGrain, IRemindable
{
    public const string ReminderName = "probe";

    public async Task SetAsync(string value)
    {
        state.State.Value = value;
        await state.WriteStateAsync();
    }

    public Task<string?> GetAsync() => Task.FromResult(state.State.Value);

    public Task ClearAsync() => state.ClearStateAsync();

    public Task StartReminderAsync(TimeSpan period) => this.RegisterOrUpdateReminder(ReminderName, period, period);

    public async Task StopReminderAsync()
    {
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public async Task<bool> HasReminderAsync() => await this.GetReminder(ReminderName) is not null;

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        ReminderTicks.Record(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }
}

/// <summary>Reminder ticks seen by probe grains, by grain key; silos run in the test process, so tests can look.</summary>
public static class ReminderTicks
{
    private static readonly ConcurrentDictionary<string, int> Ticks = new();

    public static void Record(string key) => Ticks.AddOrUpdate(key, 1, (_, count) => count + 1);

    public static void Reset(string key) => Ticks.TryRemove(key, out _);

    public static async Task WaitForTickAsync(string key, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Ticks.ContainsKey(key))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The reminder of probe grain '{key}' did not fire within {timeout}.");
            }

            await Task.Delay(100);
        }
    }
}
