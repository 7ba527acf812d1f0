# equal-training-accuracy.gp — written by the course; edit freely and rerun, no retraining needed.
#   gnuplot equal-training-accuracy.gp                  writes equal-training-accuracy.png and equal-training-accuracy.svg
#   gnuplot -c equal-training-accuracy.gp terminal      draws it in the terminal
#   gnuplot -c equal-training-accuracy.gp files a.png b.svg   writes a.png and b.svg (beside it) instead

# Work beside this script, where its data files are: its path up to the last '/'.
# (Found in gnuplot itself, not the shell, so any character in the path is safe.)
script_dir = "."
do for [i = 1:strlen(ARG0)] { if (ARG0[i:i] eq "/") { script_dir = (i == 1) ? "/" : ARG0[1:i-1] } }
cd script_dir
mode = (ARGC > 0) ? ARG1 : "files"
targets = (mode eq "terminal") ? "terminal" : "png svg"
png_file = (ARGC > 1) ? ARG2 : 'equal-training-accuracy.png'
svg_file = (ARGC > 2) ? ARG3 : 'equal-training-accuracy.svg'

do for [target in targets] {
  if (target eq "png") { set terminal pngcairo size 900,600 noenhanced font 'Sans,10'; set output png_file }
  if (target eq "svg") { set terminal svg size 900,600 noenhanced font 'Sans,10' background 'white'; set output svg_file }
  if (target eq "terminal") { set terminal dumb size 100,30 noenhanced; set output }
  set multiplot layout 1,1
  # — panel 'At equal training accuracy: test accuracy (markers: all 10000 test images) when training accuracy first reaches each level' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'At equal training accuracy: test accuracy (markers: all 10000 test images) when training accuracy first reaches each level'; set xlabel 'training accuracy (test mode)'; set ylabel 'test accuracy'
  set xrange [0:1.02]; set yrange [0:1]
  set format x '% h'
  set format y '% h'
  set key default; set key top left opaque
  plot 'dropout.dat' using 2:3 with lines lw 1.5 lc rgb '#1f77b4' title 'dropout r = 0.2', \
       'equal-training-accuracy.dat' using 1:3 with points pt 7 ps 0.6 lc rgb '#1f77b4' notitle, \
       'dropout.dat' using 4:5 with lines lw 1.5 lc rgb '#7f7f7f' title 'no dropout', \
       'equal-training-accuracy.dat' using 1:5 with points pt 7 ps 0.6 lc rgb '#7f7f7f' notitle, \
       'inverted-dropout.dat' using 2:3 with lines lw 1.5 lc rgb '#2ca02c' title 'inverted dropout (line: first 2000 test images)', \
       'equal-training-accuracy.dat' using 1:7 with points pt 7 ps 0.6 lc rgb '#2ca02c' notitle
  unset multiplot
  set output
}
