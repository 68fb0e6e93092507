namespace Pipeline.Secrets.Scanning;

/// <summary>
/// The bytes one archive (with everything nested in it) may expand to: entry streams draw on it as they are
/// read, and reading past it throws <see cref="ArchiveBoundException"/>, so a zip bomb costs at most the bound.
/// </summary>
internal sealed class ExpansionBudget(long limit)
{
    private long _used;

    public long Limit { get; } = limit;

    public Stream Wrap(Stream entry) => new BudgetedStream(entry, this);

    private void Spend(int count)
    {
        _used += count;
        if (_used > Limit) throw new ArchiveBoundException($"expands to more than {Limit / 1048576.0:0.#} MiB");
    }

    private sealed class BudgetedStream(Stream inner, ExpansionBudget budget) : ForwardOnlyStream
    {
        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            budget.Spend(read);
            return read;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}

