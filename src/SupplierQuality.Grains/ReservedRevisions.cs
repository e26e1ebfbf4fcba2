namespace SupplierQuality.Grains;

/// <summary>A stored state whose revisions other grains order reports by.</summary>
internal interface IRevisionedState
{
    /// <summary>One more with every change reported.</summary>
    int Revision { get; set; }

    /// <summary>Revisions up to here may have been reported; the next activation goes on from it.</summary>
    int RevisionCeiling { get; set; }
}

/// <summary>
/// Writes for a grain that reports some changes before it writes them (docs/adr/0005): each write reserves the next
/// <see cref="Block"/> revisions, so after a crash the next activation goes on past any revision that was reported
/// and lost (readers ignore a report not newer than the one they hold), and a clean deactivation gives back the rest.
/// </summary>
internal sealed class ReservedRevisions<T>(IPersistentState<T> state, IGrainBase grain)
    where T : IRevisionedState
{
    public const int Block = 1_000;

    private bool _failed;

    /// <summary>A change made in memory and not written yet.</summary>
    public bool Unwritten { get; private set; }

    /// <summary>At activation: goes on from the last reserved revision.</summary>
    public void Resume() => state.State.Revision = Math.Max(state.State.Revision, state.State.RevisionCeiling);

    /// <summary>Writes the state (see <see cref="GrainStateExtensions.WriteOrDeactivateAsync"/>), reserving revisions.</summary>
    public async Task WriteAsync()
    {
        state.State.RevisionCeiling = state.State.Revision + Block;
        try
        {
            await state.WriteOrDeactivateAsync(grain);
        }
        catch
        {
            // The caller is told it failed, so the deactivation must not store it after all.
            _failed = true;
            throw;
        }

        Unwritten = false;
    }

    /// <summary>
    /// One more revision: written when <paramref name="write"/> says so or the reserved revisions ran out, else kept in
    /// memory. Returns whether it was written.
    /// </summary>
    public async Task<bool> NextAsync(bool write)
    {
        state.State.Revision++;
        if (write || state.State.Revision >= state.State.RevisionCeiling)
        {
            await WriteAsync();
            return true;
        }

        Unwritten = true;
        return false;
    }

    /// <summary>At deactivation: writes what is unwritten (or anyway, when <paramref name="write"/>), giving back the rest.</summary>
    public async Task DeactivateAsync(bool write, CancellationToken cancellationToken)
    {
        if (_failed || !(Unwritten || write))
        {
            return;
        }

        state.State.RevisionCeiling = state.State.Revision;
        await state.WriteStateAsync(cancellationToken);
    }
}
