using System.Collections.Concurrent;

namespace Pipeline.Perf.Load;

/// <summary>
/// Interns the few distinct errors of a run so a sample stores a small index instead of strings; shared
/// by all workers.
/// </summary>
internal sealed class RequestErrorCatalog
{
    private readonly ConcurrentDictionary<RequestError, short> _indexes = new();
    private readonly List<RequestError> _errors = [];
    private readonly object _gate = new();

    public short IndexOf(RequestError error)
    {
        if (_indexes.TryGetValue(error, out var index)) return index;
        lock (_gate)
        {
            if (_indexes.TryGetValue(error, out index)) return index;
            if (_errors.Count >= short.MaxValue) return IndexOf(new RequestError(RequestError.Generic, "too many distinct errors"));
            index = (short)_errors.Count;
            _errors.Add(error);
            _indexes[error] = index;
            return index;
        }
    }

    public RequestError this[short index]
    {
        get { lock (_gate) return _errors[index]; }
    }
}
