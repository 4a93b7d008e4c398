/** Tensor files: our own safetensors reader and writer (F32/F16/BF16 read as F32, F32 written). */
package org.vapr.train.io;
