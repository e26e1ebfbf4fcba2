namespace SupplierQuality.Grains;

internal static class GrainStateExtensions
{
    /// <summary>
    /// Writes the state. If the write fails, the change in memory may or may not be stored: the grain's activation
    /// goes, and the next call reads what storage holds, so nothing unstored is ever reported as saved.
    /// </summary>
    public static async Task WriteOrDeactivateAsync<T>(this IPersistentState<T> state, IGrainBase grain)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            grain.DeactivateOnIdle();
            throw;
        }
    }
}
