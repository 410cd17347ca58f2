namespace Gyre.Stores.Sql;

/// <summary>How a SELECT locks the rows it reads (see <see cref="SqlDialect.RowLockSuffix"/>).</summary>
public enum RowLock
{
    /// <summary>Others may read and share-lock the rows, but not change them, until this transaction ends.</summary>
    Share,

    /// <summary>Only this transaction may lock or change the rows until it ends.</summary>
    Update,
}
