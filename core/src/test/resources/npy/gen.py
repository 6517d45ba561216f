# Writes the .npy files NpyTest reads (run with a Python that has NumPy).
import numpy as np
np.save('i32.npy', np.array([[1,-2,3],[4,5,2**31-1]], dtype=np.int32))
np.save('i64.npy', np.array([7, -(2**40), 3], dtype=np.int64))
np.save('f32.npy', np.arange(24, dtype=np.float32).reshape(2,3,4) / 7)
np.save('f64.npy', np.array(3.25))   # a 0-d array
np.save('f64be.npy', np.array([1.5, -2.25], dtype='>f8'))
np.save('fortran.npy', np.asfortranarray(np.ones((2,3), dtype=np.float32)))
np.save('empty.npy', np.zeros((0, 4), dtype=np.float32))
