namespace Kaviar.Ops;
