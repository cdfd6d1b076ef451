/// Marks errors whose `description` is written for the user and can be shown as it is.
public protocol LocalizedMessage: Error, CustomStringConvertible {}
