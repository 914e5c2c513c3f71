/* A tiny CPython extension: sums the numeric column of CSV rows. Built against a helper
 * library the deployment forgot (libfastcsv_simd), so its one helper stays undefined: the
 * import fails with "undefined symbol: fastcsv_simd_sum". */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

extern double fastcsv_simd_sum(const double *values, Py_ssize_t n);

static PyObject *column_sum(PyObject *self, PyObject *args) {
  PyObject *seq;
  if (!PyArg_ParseTuple(args, "O", &seq)) return NULL;
  Py_ssize_t n = PySequence_Size(seq);
  double values[256];
  if (n < 0 || n > 256) return NULL;
  for (Py_ssize_t i = 0; i < n; ++i) {
    PyObject *item = PySequence_GetItem(seq, i);
    values[i] = PyFloat_AsDouble(item);
    Py_XDECREF(item);
  }
  return PyFloat_FromDouble(fastcsv_simd_sum(values, n));
}

static PyMethodDef kMethods[] = {{"column_sum", column_sum, METH_VARARGS, "sum of a column"}, {NULL, NULL, 0, NULL}};
static struct PyModuleDef kModule = {PyModuleDef_HEAD_INIT, "fastcsv", NULL, -1, kMethods};
PyMODINIT_FUNC PyInit_fastcsv(void) { return PyModule_Create(&kModule); }
